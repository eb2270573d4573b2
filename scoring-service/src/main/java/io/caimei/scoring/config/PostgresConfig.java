package io.caimei.scoring.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long a PostgreSQL call may take before the request answers 503 ({@code caimei.postgresql.timeout}). */
@ConfigMapping(prefix = "caimei.postgresql")
public interface PostgresConfig {

    /** One query or one short transaction (a profile list, a draft, an activation). */
    @WithDefault("PT5S")
    Duration timeout();
}
