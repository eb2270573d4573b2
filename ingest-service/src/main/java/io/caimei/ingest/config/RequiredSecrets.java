package io.caimei.ingest.config;

import io.caimei.common.config.RequiredSecret;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

/** Stops ingest at start without its catalog client secret (the OIDC client reads it only at its first token). */
@ApplicationScoped
public class RequiredSecrets {

    void check(@Observes StartupEvent event, Config config) {
        RequiredSecret.require(config, "quarkus.oidc-client.credentials.secret", "CAIMEI_CHANNELS_CLIENT_SECRET",
                "caimei-channels-oidc");
    }
}
