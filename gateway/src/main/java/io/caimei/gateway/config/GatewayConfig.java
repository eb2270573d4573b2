package io.caimei.gateway.config;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Typed configuration of the gateway. */
@ConfigMapping(prefix = "caimei.gateway")
public interface GatewayConfig {

    RateLimit rateLimit();

    Sessions sessions();

    /** Dashboard sessions that Keycloak ended (back-channel logout), shared by the replicas through Redis. */
    interface Sessions {
        @WithName("key-prefix")
        @WithDefault("gw")
        String keyPrefix();

        /** How long an ended session is remembered: longer than any dashboard session cookie can live. */
        @WithName("signed-out-ttl")
        @WithDefault("PT24H")
        Duration signedOutTtl();

        /** How long a check may wait for Redis before the request is refused as unavailable. */
        @WithName("redis-timeout")
        @WithDefault("PT0.5S")
        Duration redisTimeout();
    }

    /** Per-client request budgets per second, by role (the most generous role of a caller applies). */
    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        @WithName("per-second")
        Map<String, Integer> perSecond();

        @WithName("key-prefix")
        @WithDefault("gw")
        String keyPrefix();

        /** How often a replica adds its count to the shared one and learns the others'. */
        @WithName("sync-interval")
        @WithDefault("PT0.05S")
        Duration syncInterval();

        /** How long a sync may wait for Redis before the replica carries on with its own count. */
        @WithName("redis-timeout")
        @WithDefault("PT0.5S")
        Duration redisTimeout();
    }
}
