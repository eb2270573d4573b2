package io.caimei.scoring.config;

import java.time.Duration;
import java.util.Optional;

import io.caimei.common.config.KafkaSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Typed configuration of the scoring service. */
@ConfigMapping(prefix = "caimei")
public interface ScoringConfig {

    Kafka kafka();

    Redis redis();

    Scoring scoring();

    /** Kafka connection and topic naming. */
    interface Kafka extends KafkaSettings {
    }

    /** Redis key namespace. */
    interface Redis {
        /** First segment of every key; tests use their own so they never touch live data. */
        @WithName("key-prefix")
        @WithDefault("cm")
        String keyPrefix();
    }

    /** Consumer and period behaviour. */
    interface Scoring {
        @WithName("consumer-enabled")
        @WithDefault("true")
        boolean consumerEnabled();

        @WithName("group-id")
        @WithDefault("caimei-scoring")
        String groupId();

        @WithName("max-poll-records")
        @WithDefault("5000")
        int maxPollRecords();

        /** Watermark = latest accepted event time minus this. */
        @WithName("allowed-lateness")
        @WithDefault("PT2H")
        Duration allowedLateness();

        /** How many periods back a page of history is kept in Redis before expiry. */
        @WithName("aggregate-ttl")
        @WithDefault("P400D")
        Duration aggregateTtl();

        /**
         * A record whose event id already appeared on its partition within about this much Kafka record time is a
         * duplicate (a client retry after a failure or crash upstream of the 202) and is not counted again.
         */
        @WithName("dedupe-window")
        @WithDefault("PT10M")
        Duration dedupeWindow();
    }
}
