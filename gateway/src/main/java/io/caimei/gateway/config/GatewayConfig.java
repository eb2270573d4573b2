package io.caimei.gateway.config;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Typed configuration of the gateway. */
@ConfigMapping(prefix = "caimei.gateway")
public interface GatewayConfig {

    RateLimit rateLimit();

    /** Per-client request budgets per second, by role (the most generous role of a caller applies). */
    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        @WithName("per-second")
        Map<String, Integer> perSecond();

        @WithName("key-prefix")
        @WithDefault("gw")
        String keyPrefix();
    }
}
