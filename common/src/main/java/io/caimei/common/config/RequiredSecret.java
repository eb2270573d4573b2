package io.caimei.common.config;

import java.util.NoSuchElementException;

import org.eclipse.microprofile.config.Config;

/**
 * Fails a service's start when a secret production must be given is missing. Some extensions read their secret only at
 * first use (an OIDC client at its first token), so without this a pod would pass readiness and fail later.
 */
public final class RequiredSecret {

    private RequiredSecret() {
    }

    /** Throws naming the environment variable and the Secret to set when {@code property} has no value. */
    public static void require(Config config, String property, String variable, String secret) {
        String value;
        try {
            value = config.getOptionalValue(property, String.class).orElse("");
        } catch (NoSuchElementException unexpandable) {
            value = "";
        }
        if (value.isBlank()) {
            throw new IllegalStateException(variable + " is not set: " + property + " (from the Secret " + secret
                    + ") is required in production");
        }
    }
}
