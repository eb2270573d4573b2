package io.caimei.ranking.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caimei.events.PeriodClosedMarker;
import io.caimei.events.ScoreUpdate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;

/**
 * Feeds boards from {@code caimei.scores.v1} in batches, in partition order (at least once: scores are absolute,
 * so a redelivery rewrites the same value). A period-closed marker is handled after the scores before it.
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

    @Incoming("scores")
    @Blocking
    public void onScores(ConsumerRecords<String, String> batch) {
        List<ScoreUpdate> updates = new ArrayList<>();
        for (ConsumerRecord<String, String> r : batch) {
            try {
                JsonNode node = json.readTree(r.value());
                if (node.has("periodClosed")) {
                    placements.increment(ranking.apply(updates));
                    updates.clear();
                    closing.markerArrived(json.treeToValue(node, PeriodClosedMarker.class), r.partition());
                } else {
                    updates.add(json.treeToValue(node, ScoreUpdate.class));
                }
            } catch (java.io.IOException | IllegalArgumentException e) {
                LOG.warnf("skipping unreadable record %s-%d@%d", r.topic(), r.partition(), r.offset());
            }
        }
        placements.increment(ranking.apply(updates));
    }
}
