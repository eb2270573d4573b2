package io.caimei.ranking.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Typed configuration of the ranking service. */
@ConfigMapping(prefix = "caimei")
public interface RankingConfig {

    Kafka kafka();

    Redis redis();

    Ranking ranking();

    /** Kafka connection and topic naming (the channels' topics are built from these in application.properties). */
    interface Kafka {
        @WithName("bootstrap-servers")
        @WithDefault("127.0.0.1:9092")
        String bootstrapServers();

        @WithName("topic-prefix")
        Optional<String> topicPrefixOverride();

        /** Prepended to every topic name (empty in production). */
        default String topicPrefix() {
            return topicPrefixOverride().orElse("");
        }
    }

    /** Redis key namespace. */
    interface Redis {
        @WithName("key-prefix")
        @WithDefault("rk")
        String keyPrefix();
    }

    /** Freezing and paging behaviour. */
    interface Ranking {

        /** How long a live sorted set is kept after its period was frozen into PostgreSQL. */
        @WithName("live-ttl-after-freeze")
        @WithDefault("P7D")
        Duration liveTtlAfterFreeze();

        @WithName("max-page-size")
        @WithDefault("100")
        int maxPageSize();
    }
}
