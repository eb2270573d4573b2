package io.caimei.gateway.service;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.gateway.config.GatewayConfig;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Fixed one-second windows per client, shared by every gateway replica through Redis without a Redis round trip
 * per request: each replica decides from its own count plus the other replicas' count as last seen, and adds its
 * count to the shared one in Redis at most every {@code sync-interval} (the first request of a window at once). One
 * replica is therefore exact; with several, a client can exceed its budget by what the others admitted since their
 * last sync. If Redis is down the decision uses the local count only: losing the shared count is better than
 * losing the API.
 */
@ApplicationScoped
public class RateLimiter {

    private static final int MAX_CLIENTS = 100_000;

    private final Redis redis;
    private final GatewayConfig config;
    private final long syncMillis;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimiter(Redis redis, GatewayConfig config) {
        this.redis = redis;
        this.config = config;
        this.syncMillis = config.rateLimit().syncInterval().toMillis();
    }

    /** Seconds to wait when over budget, else 0; never waits for Redis. */
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
        long now = System.currentTimeMillis();
        long second = now / 1000;
        String client = caller.rateLimitKey();
        Window w = windows.compute(client, (k, old) -> old != null && old.second == second ? old : new Window(second));
        int total = w.others + w.local.incrementAndGet();
        w.maybeSync(now, client);
        if (windows.size() > MAX_CLIENTS) {
            windows.values().removeIf(x -> x.second < second);
        }
        return total > limit ? 1 : 0;
    }

    /** One client's current second on this replica. */
    private final class Window {
        final long second;
        final AtomicInteger local = new AtomicInteger();
        final AtomicBoolean syncing = new AtomicBoolean();
        volatile int others;
        volatile int flushed;
        volatile long lastSync;

        Window(long second) {
            this.second = second;
        }

        /** Adds this replica's unsent count to Redis and learns the others' count, unless a sync is recent. */
        void maybeSync(long now, String client) {
            if ((lastSync != 0 && now - lastSync < syncMillis) || !syncing.compareAndSet(false, true)) {
                return;
            }
            String key = config.rateLimit().keyPrefix() + ":rl:" + client + ":" + second;
            lastSync = now;
            int mine = local.get();
            int delta = mine - flushed;
            redis.batch(List.of(Request.cmd(Command.INCRBY).arg(key).arg(delta), Request.cmd(Command.EXPIRE).arg(key).arg(2)))
                    .ifNoItem().after(config.rateLimit().redisTimeout()).fail()
                    .subscribe().with(r -> {
                        flushed = mine;
                        others = (int) Math.max(0L, r.get(0).toLong() - mine);
                        syncing.set(false);
                    }, e -> syncing.set(false));
        }
    }
}
