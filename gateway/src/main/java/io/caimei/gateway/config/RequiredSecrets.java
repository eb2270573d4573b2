package io.caimei.gateway.config;

import io.caimei.common.config.RequiredSecret;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

/** Stops the gateway at start without its OIDC client secret (read by OIDC only at the first login). */
@ApplicationScoped
public class RequiredSecrets {

    void check(@Observes StartupEvent event, Config config) {
        RequiredSecret.require(config, "quarkus.oidc.credentials.secret", "CAIMEI_GATEWAY_CLIENT_SECRET", "caimei-oidc");
    }
}
