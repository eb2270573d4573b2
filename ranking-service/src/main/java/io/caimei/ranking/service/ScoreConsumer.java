package io.caimei.ranking.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caimei.common.rest.StoreUnavailableException;
import io.caimei.events.PeriodClosedMarker;
import io.caimei.events.ScoreUpdate;
import io.caimei.events.ScoreUpdateJson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;

/**
 * Feeds boards from {@code caimei.scores.v1} in batches, in partition order (at least once: scores are absolute,
 * so a redelivery rewrites the same value). A record holds one score update per line. A period-closed marker is
 * handled after the scores before it.
 */
@ApplicationScoped
public class ScoreConsumer {

    private static final Logger LOG = Logger.getLogger(ScoreConsumer.class);

    private final RankingService ranking;
    private final ClosingTracker closing;
    private final ObjectMapper json;
    private final Counter placements;

    public ScoreConsumer(RankingService ranking, ClosingTracker closing, ObjectMapper json, MeterRegistry metrics) {
        this.ranking = ranking;
        this.closing = closing;
        this.json = json;
        this.placements = Counter.builder("caimei.board.placements").description("board entries written")
                .register(metrics);
    }

    /**
     * Places the batch; while Redis or PostgreSQL is away it waits and tries the whole batch again (placements are
     * absolute and markers are a set, so a second try changes nothing that the first one did), instead of failing
     * the channel and losing every later score until a restart.
     */
    @Incoming("scores")
    @Blocking
    public void onScores(ConsumerRecords<String, String> batch) throws InterruptedException {
        long backoff = 250;
        while (true) {
            try {
                place(batch);
                return;
            } catch (StoreUnavailableException e) {
                if (backoff == 250) {
                    LOG.warnf("%s is away; holding the scores batch and trying again", e.store());
                }
                Thread.sleep(backoff);
                backoff = Math.min(5_000, backoff * 2);
            }
        }
    }

    private void place(ConsumerRecords<String, String> batch) {
        List<ScoreUpdate> updates = new ArrayList<>();
        for (ConsumerRecord<String, String> r : batch) {
            try {
                // markers are rare: a score is read straight into its record, without a tree in between
                if (r.value() == null) {
                    throw new IllegalArgumentException("no value");
                }
                // a marker is one line; a record of score lines is never one, whatever its strings hold
                if (r.value().indexOf('\n') < 0 && r.value().contains("\"periodClosed\"")) {
                    JsonNode node = json.readTree(r.value());
                    if (node.has("periodClosed")) {
                        placements.increment(ranking.apply(updates));
                        updates.clear();
                        closing.markerArrived(json.treeToValue(node, PeriodClosedMarker.class), r.partition());
                        continue;
                    }
                }
                updates.addAll(ScoreUpdateJson.readLines(r.value(), (line, e) -> LOG.warnf(
                        "skipping unreadable line %d of record %s-%d@%d", line, r.topic(), r.partition(), r.offset())));
            } catch (IOException | IllegalArgumentException e) {
                LOG.warnf("skipping unreadable record %s-%d@%d", r.topic(), r.partition(), r.offset());
            }
        }
        placements.increment(ranking.apply(updates));
    }
}
