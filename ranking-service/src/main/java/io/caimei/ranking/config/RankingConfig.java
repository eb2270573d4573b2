package io.caimei.ranking.config;

import java.time.Duration;
import java.util.Optional;

import io.caimei.common.config.KafkaSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Typed configuration of the ranking service. */
@ConfigMapping(prefix = "caimei")
public interface RankingConfig {

    Kafka kafka();

    Redis redis();

    Ranking ranking();

    /** Kafka connection and topic naming. */
    interface Kafka extends KafkaSettings {
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
