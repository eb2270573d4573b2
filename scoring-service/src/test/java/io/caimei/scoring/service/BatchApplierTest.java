package io.caimei.scoring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.caimei.events.CanonicalEvent;
import io.caimei.events.Channel;
import io.caimei.events.EntityType;
import io.caimei.events.Indicator;
import io.caimei.events.PeriodClosed;
import io.caimei.events.ScoreUpdate;
import io.caimei.scoring.config.ScoringConfig;
import io.caimei.scoring.mapping.AggregateId;
import io.caimei.scoring.repository.AggregateRepository;
import io.caimei.scoring.repository.ProgressRepository;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * One partition's polled records against the real Redis: counted once however often they are delivered, second
 * copies and unreadable records never counted, contributions to a closed period dead-lettered as late.
 */
@QuarkusTest
class BatchApplierTest {

    private static final String TOPIC = "caimei.events.v1";
    private static final long RECORD_TIME = 1_700_000_000_000L;

    @Inject
    BatchApplier applier;

    @Inject
    AggregateRepository aggregates;

    @Inject
    ProgressRepository progress;

    @Inject
    PeriodService periods;

    @Inject
    ScoringConfig config;

    @Inject
    ScoreService scores;

    @Inject
    ProfileRegistry profiles;

    @Inject
    ObjectMapper json;

    RecordingPublisher published;

    @BeforeEach
    void recordWhatIsPublished() {
        published = new RecordingPublisher(config, json);
        QuarkusMock.installMockForType(published, ScorePublisher.class);
    }

    @AfterEach
    void closeItsProducer() {
        published.close();
    }

    /** A partition number no other test run uses. */
    private static int freshPartition() {
        return 5_000_000 + ThreadLocalRandom.current().nextInt(1_000_000);
    }

    private static CanonicalEvent order(String eventId, String entity, String occurredAt) {
        return new CanonicalEvent(eventId, "test", Channel.MIGU_APP, Channel.MIGU_APP.network(), Indicator.E5,
                EntityType.CONTENT, entity, null, occurredAt, "u-" + eventId, 1);
    }

    private ConsumerRecord<String, String> record(int partition, long offset, String value) {
        return new ConsumerRecord<>(TOPIC, partition, offset, RECORD_TIME, TimestampType.CREATE_TIME, -1, -1, "k",
                value, new RecordHeaders(), Optional.empty());
    }

    private String write(CanonicalEvent e) throws Exception {
        return json.writeValueAsString(e);
    }

    private long plays(int partition, String entity, String period) {
        return aggregates.read(partition, List.of(new AggregateId(entity, period))).get(0).raw()
                .getOrDefault(Indicator.E5, 0L);
    }

    @Test
    void aBatchCountsOnceEvenWhenDeliveredAgainAndItsScoresArePublished() throws Exception {
        int p = freshPartition();
        String entity = "song-" + p;
        List<ConsumerRecord<String, String>> records = List.of(
                record(p, 10, write(order("a-" + p, entity, "2024-02-14T12:00:00+08:00"))),
                record(p, 11, write(order("b-" + p, entity, "2024-02-14T13:00:00+08:00"))));

        assertEquals(11L, applier.apply(p, records));
        assertEquals(11L, applier.apply(p, records), "a redelivery covers the same offsets");
        assertEquals(0, published.scores.stream().filter(u -> u.entityId().equals(entity)).count(),
                "scores wait for the publish interval while records keep coming");
        assertEquals(12L, applier.apply(p, List.of(record(p, 12, write(order("c-" + p, entity,
                "2024-02-14T14:00:00+08:00"))))));
        scores.publishDue(true);

        assertEquals(3L, plays(p, entity, "2024-02-14"));
        assertEquals(3L, plays(p, entity, "2024-02"));
        assertEquals(12L, progress.appliedOffset(p));
        List<ScoreUpdate> mine = published.scores.stream().filter(u -> u.entityId().equals(entity)).toList();
        assertEquals(List.of("2024", "2024-02", "2024-02-14", "2024-W07"),
                mine.stream().map(ScoreUpdate::period).sorted().toList(),
                "one score per period (day, week, month, year) for both batches, published once");
        double day = mine.stream().filter(u -> u.period().equals("2024-02-14")).findFirst().orElseThrow().index();
        assertEquals(IndexCalculator.index(profiles.forType(EntityType.CONTENT), java.util.Map.of(Indicator.E5, 3L)),
                day, 1e-12, "the update carries the score of all three plays");
    }

    @Test
    void secondCopiesAndUnreadableRecordsAreNeverCounted() throws Exception {
        int p = freshPartition();
        String entity = "song-" + p;
        CanonicalEvent once = order("a-" + p, entity, "2024-02-14T12:00:00+08:00");
        applier.apply(p, List.of(record(p, 0, write(once)), record(p, 1, "not an event"), record(p, 2, write(once))));
        applier.apply(p, List.of(record(p, 3, write(once))));

        assertEquals(1L, plays(p, entity, "2024-02-14"), "copies in the same batch and a later one count once");
        assertEquals(List.of("UNREADABLE"), published.letters.stream()
                .filter(d -> d.key().equals(TOPIC + "-" + p + "@1")).map(DeadLetter::reason).toList());
    }

    @Test
    void anEventForAClosedPeriodCountsOnlyInItsOpenPeriodsAndIsDeadLetteredAsLate() throws Exception {
        int p = freshPartition();
        String entity = "song-" + p;
        periods.close("2019-01-02", PeriodClosed.BY_ADMIN);
        applier.apply(p, List.of(record(p, 0, write(order("a-" + p, entity, "2019-01-02T12:00:00+08:00")))));

        assertEquals(0L, plays(p, entity, "2019-01-02"));
        assertEquals(1L, plays(p, entity, "2019-01"));
        List<DeadLetter> late = published.letters.stream().filter(d -> d.key().equals(entity)).toList();
        assertEquals(1, late.size());
        assertEquals("LATE", late.get(0).reason());
        assertEquals("2019-01-02", late.get(0).period());
    }

    /** Kafka as the test sees it: every publication acknowledged at once and kept for assertions. */
    static final class RecordingPublisher extends ScorePublisher {

        final List<ScoreUpdate> scores = new CopyOnWriteArrayList<>();
        final List<DeadLetter> letters = new CopyOnWriteArrayList<>();
        final List<PeriodClosed> closed = new ArrayList<>();

        RecordingPublisher(ScoringConfig config, ObjectMapper json) {
            super(config, json);
        }

        @Override
        public Sent send(List<ScoreUpdate> updates) {
            scores.addAll(updates);
            return new Sent(List.of());
        }

        @Override
        public void publishDeadLetters(List<DeadLetter> letters) {
            this.letters.addAll(letters);
        }

        @Override
        public synchronized void publishClosed(PeriodClosed c) {
            closed.add(c);
        }
    }
}
