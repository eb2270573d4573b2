package io.caimei.ingest.config;

import java.time.Duration;
import java.util.Optional;

import io.caimei.common.config.KafkaSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Typed configuration of the ingest service. */
@ConfigMapping(prefix = "caimei")
public interface IngestConfig {

    Kafka kafka();

    Redis redis();

    Ingest ingest();

    /** Kafka connection and topic naming. */
    interface Kafka extends KafkaSettings {
    }

    /** Redis key namespace. */
    interface Redis {
        @WithName("key-prefix")
        @WithDefault("ing")
        String keyPrefix();
    }

    /** Ingest rules. */
    interface Ingest {
        /** HMAC key for phone numbers: local-dev default only, production reads it from a Secret. */
        @WithName("pseudonymization-secret")
        String pseudonymizationSecret();

        @WithName("dedupe-window")
        @WithDefault("PT24H")
        Duration dedupeWindow();

        @WithName("max-body-bytes")
        @WithDefault("10485760")
        int maxBodyBytes();

        @WithName("max-records")
        @WithDefault("50000")
        int maxRecords();

        @WithName("catalog-refresh")
        @WithDefault("PT5S")
        Duration catalogRefresh();

        /** Consume bulk feeds from {@code caimei.raw.<channel>} topics. */
        @WithName("raw-topics-enabled")
        @WithDefault("true")
        boolean rawTopicsEnabled();

        @WithName("send-timeout")
        @WithDefault("PT30S")
        Duration sendTimeout();
    }
}
