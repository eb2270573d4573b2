package io.caimei.ingest.config;

import java.time.Duration;

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

        /** How long a request waits for Redis before it fails with 503 (the client's retry is safe). */
        @WithDefault("5s")
        Duration timeout();
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

        /** How long a request waits for Kafka to acknowledge its events (retries included) before it fails. */
        @WithName("send-timeout")
        @WithDefault("PT30S")
        Duration sendTimeout();

        /** One produce request's limit, within the send timeout. */
        @WithName("send-request-timeout")
        @WithDefault("PT15S")
        Duration sendRequestTimeout();

        /** How long a send may block when the producer's buffer is full or the topic's metadata is unknown. */
        @WithName("send-max-block")
        @WithDefault("PT10S")
        Duration sendMaxBlock();

        /** How long an event may wait for companions before the producer sends its batch. */
        @WithName("producer-linger")
        @WithDefault("PT0.002S")
        Duration producerLinger();

        @WithName("producer-batch-bytes")
        @WithDefault("262144")
        int producerBatchBytes();

        /** Consumer group of the bulk-feed consumer. */
        @WithName("raw-group-id")
        @WithDefault("caimei-ingest-raw")
        String rawGroupId();

        @WithName("raw-max-poll-records")
        @WithDefault("2000")
        int rawMaxPollRecords();

        /** How soon a newly created {@code caimei.raw.<channel>} topic is noticed. */
        @WithName("raw-metadata-max-age")
        @WithDefault("PT5S")
        Duration rawMetadataMaxAge();

        @WithName("raw-poll-timeout")
        @WithDefault("PT0.5S")
        Duration rawPollTimeout();

        /** Pause before a failed bulk-feed consumer starts again from its committed offsets. */
        @WithName("raw-restart-delay")
        @WithDefault("PT2S")
        Duration rawRestartDelay();

        /** How long shutdown waits for the bulk-feed consumer to finish its batch. */
        @WithName("raw-stop-timeout")
        @WithDefault("PT10S")
        Duration rawStopTimeout();
    }
}
