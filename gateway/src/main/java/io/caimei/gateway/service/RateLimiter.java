package io.caimei.gateway.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.gateway.config.GatewayConfig;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Fixed one-second windows counted in Redis, so every gateway replica shares one budget per client.
 * If Redis is down the request passes: losing rate limiting is better than losing the API.
 */
@ApplicationScoped
public class RateLimiter {

    private final Redis redis;
    private final GatewayConfig config;

    public RateLimiter(Redis redis, GatewayConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /** Seconds to wait when over budget, else 0. */
    public int check(Caller caller) {
        if (!config.rateLimit().enabled()) {
            return 0;
        }
        int limit = 0;
        for (var e : config.rateLimit().perSecond().entrySet()) {
            if (caller.has(e.getKey())) {
                limit = Math.max(limit, e.getValue());
            }
        }
        if (limit == 0) {
            return 0;
        }
        long second = System.currentTimeMillis() / 1000;
        String key = config.rateLimit().keyPrefix() + ":rl:" + caller.rateLimitKey() + ":" + second;
        try {
            List<Response> r = redis.batch(List.of(Request.cmd(Command.INCR).arg(key),
                    Request.cmd(Command.EXPIRE).arg(key).arg(2))).await().atMost(java.time.Duration.ofMillis(500));
            return r.get(0).toLong() > limit ? 1 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
