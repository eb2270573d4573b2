package io.caimei.gateway.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.gateway.config.GatewayConfig;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.smallrye.mutiny.Uni;

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
        return checkAsync(caller).await().indefinitely();
    }

    /** The same check without blocking: Redis' answer arrives on the event loop; at most 500 ms are waited. */
    public Uni<Integer> checkAsync(Caller caller) {
        if (!config.rateLimit().enabled()) {
            return ZERO;
        }
        int limit = 0;
        for (var e : config.rateLimit().perSecond().entrySet()) {
            if (caller.has(e.getKey())) {
                limit = Math.max(limit, e.getValue());
            }
        }
        if (limit == 0) {
            return ZERO;
        }
        int budget = limit;
        long second = System.currentTimeMillis() / 1000;
        String key = config.rateLimit().keyPrefix() + ":rl:" + caller.rateLimitKey() + ":" + second;
        return redis.batch(List.of(Request.cmd(Command.INCR).arg(key), Request.cmd(Command.EXPIRE).arg(key).arg(2)))
                .ifNoItem().after(java.time.Duration.ofMillis(500)).fail()
                .map(r -> r.get(0).toLong() > budget ? 1 : 0)
                .onFailure().recoverWithItem(0);
    }

    private static final Uni<Integer> ZERO = Uni.createFrom().item(0);
}
