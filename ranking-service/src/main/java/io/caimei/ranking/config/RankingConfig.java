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

    Stores stores();

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

        /** How many entries a CSV export or a search reads at a time, so a whole board-period is never in memory. */
        @WithName("export-chunk")
        @WithDefault("1000")
        int exportChunk();
    }

    /** How long a call may wait for a store before the request answers 503 (a consumer retries instead). */
    interface Stores {

        /** One PostgreSQL query on a request path: a page, a total, a catalog row. */
        @WithDefault("PT5S")
        Duration postgresql();

        /** One Redis command or pipelined batch. */
        @WithDefault("PT5S")
        Duration redis();

        /** Whole-board work: freezing a period, movement history, a catalog import, a consumed batch of placements. */
        @WithDefault("PT60S")
        Duration bulk();
    }
}
