package io.caimei.ranking.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.caimei.events.Period;
import io.caimei.events.PeriodClosed;
import io.caimei.events.ScoreUpdate;
import io.caimei.ranking.config.RankingConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;

/**
 * Feeds boards from {@code caimei.scores.v1} in batches (at least once: scores are absolute, so a redelivery
 * rewrites the same value) and freezes boards on {@code caimei.periods.v1}.
 */
@ApplicationScoped
public class ScoreConsumer {

    private static final Logger LOG = Logger.getLogger(ScoreConsumer.class);

    private final RankingService ranking;
    private final FreezeService freezer;
    private final ObjectMapper json;
    private final RankingConfig config;
    private final Counter placements;

    public ScoreConsumer(RankingService ranking, FreezeService freezer, ObjectMapper json, RankingConfig config,
            MeterRegistry metrics) {
        this.ranking = ranking;
        this.freezer = freezer;
        this.json = json;
        this.config = config;
        this.placements = Counter.builder("caimei.board.placements").description("board entries written")
                .register(metrics);
    }

    @Incoming("scores")
    @Blocking
    public void onScores(List<String> batch) {
        List<ScoreUpdate> updates = new ArrayList<>(batch.size());
        for (String s : batch) {
            try {
                updates.add(json.readValue(s, ScoreUpdate.class));
            } catch (Exception e) {
                LOG.warnf("skipping unreadable score update: %s", e.getClass().getSimpleName());
            }
        }
        placements.increment(ranking.apply(updates));
    }

    @Incoming("periods")
    @Blocking
    public void onPeriodClosed(String message) throws Exception {
        PeriodClosed closed = json.readValue(message, PeriodClosed.class);
        Period period = Period.parse(closed.period()).orElse(null);
        if (period == null) {
            LOG.warnf("ignoring close of unknown period format");
            return;
        }
        // scores published just before the close travel on another topic: give them a moment to land
        Thread.sleep(config.ranking().freezeSettle().toMillis());
        freezer.freeze(period);
    }
}
