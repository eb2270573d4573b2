package io.caimei.ranking.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Typed configuration of the ranking service. */
@ConfigMapping(prefix = "caimei")
public interface RankingConfig {

    Redis redis();

    Ranking ranking();

    /** Redis key namespace. */
    interface Redis {
        @WithName("key-prefix")
        @WithDefault("rk")
        String keyPrefix();
    }

    /** Freezing and paging behaviour. */
    interface Ranking {
        /** Wait after a period-closed message before freezing, so the last score updates arrive first. */
        @WithName("freeze-settle")
        @WithDefault("PT2S")
        Duration freezeSettle();

        /** How long a live sorted set is kept after its period was frozen into PostgreSQL. */
        @WithName("live-ttl-after-freeze")
        @WithDefault("P7D")
        Duration liveTtlAfterFreeze();

        @WithName("max-page-size")
        @WithDefault("100")
        int maxPageSize();
    }
}
