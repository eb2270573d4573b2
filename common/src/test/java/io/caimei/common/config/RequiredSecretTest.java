package io.caimei.common.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** A service refuses to start without a secret production must be given, and says which one. */
class RequiredSecretTest {

    private static final String PROPERTY = "quarkus.oidc.credentials.secret";

    private static Config config(Map<String, String> values) {
        // the default interceptors expand ${...} as a service's configuration does
        return new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }

    private static IllegalStateException refusal(Config config) {
        return assertThrows(IllegalStateException.class,
                () -> RequiredSecret.require(config, PROPERTY, "CAIMEI_GATEWAY_CLIENT_SECRET", "caimei-oidc"));
    }

    @Test
    void aMissingSecretStopsTheStartNamingTheVariableAndTheSecret() {
        IllegalStateException e = refusal(config(Map.of()));
        assertTrue(e.getMessage().contains("CAIMEI_GATEWAY_CLIENT_SECRET"), e.getMessage());
        assertTrue(e.getMessage().contains("caimei-oidc"), e.getMessage());
        assertTrue(e.getMessage().contains(PROPERTY), e.getMessage());
    }

    @Test
    void aBlankSecretCountsAsMissing() {
        refusal(config(Map.of(PROPERTY, "  ")));
    }

    @Test
    void aSecretReferringToAnUnsetVariableCountsAsMissing() {
        // application.properties says ${CAIMEI_GATEWAY_CLIENT_SECRET}: unset, it cannot be expanded at all
        refusal(config(Map.of(PROPERTY, "${CAIMEI_TEST_SURELY_UNSET_VARIABLE}")));
    }

    @Test
    void aGivenSecretLetsTheServiceStart() {
        assertDoesNotThrow(() -> RequiredSecret.require(config(Map.of(PROPERTY, "s3cret")), PROPERTY,
                "CAIMEI_GATEWAY_CLIENT_SECRET", "caimei-oidc"));
    }
}
