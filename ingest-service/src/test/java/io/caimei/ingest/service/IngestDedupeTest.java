package io.caimei.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.caimei.events.CanonicalEvent;
import io.caimei.events.Channel;
import io.caimei.events.EntityType;
import io.caimei.events.Indicator;
import io.caimei.events.Network;
import io.caimei.ingest.config.IngestConfig;
import io.caimei.ingest.mapping.RecordResult;
import io.caimei.ingest.repository.DedupeRepository;
import io.caimei.ingest.repository.SourceEventId;
import io.caimei.ingest.service.EventProducer.DeliveryFailedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * The two-state dedupe (pending while Kafka has not confirmed, acknowledged once it has) against the real Redis,
 * as a client retrying a batch sees it. Kafka is replaced by a producer the test holds, fails or lets through.
 */
@QuarkusTest
@TestProfile(IngestDedupeTest.WithoutRawTopics.class)
class IngestDedupeTest {

    /** No bulk-feed consumer: it would hand the test's producer records from the live raw topics. */
    public static class WithoutRawTopics implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("caimei.ingest.raw-topics-enabled", "false");
        }
    }

    @Inject
    IngestService ingest;

    @Inject
    IngestConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    @Inject
    Redis redis;

    private ControlledKafka kafka;

    @BeforeEach
    void replaceKafka() {
        kafka = new ControlledKafka(config, json);
        QuarkusMock.installMockForType(kafka, EventProducer.class);
    }

    @AfterEach
    void closeProducer() {
        kafka.close();
    }

    /** One valid message record with an id no other run uses. */
    private static RecordResult freshRecord() {
        String id = "dedupe-" + UUID.randomUUID();
        return RecordResult.accepted(0, new CanonicalEvent(id, "MSG_5G", Channel.MSG_5G, Network.TELECOM,
                Indicator.E1, EntityType.CONTENT, "dedupe-test-content", null, "2024-02-14T20:15:03+08:00",
                "u:dedupe-test", 1));
    }

    private double resent() {
        return metrics.find("caimei.events.resent").counter().count();
    }

    @Test
    void aRetryOfABatchKafkaAcknowledgedIsReportedAsADuplicateAndNotSentAgain() {
        RecordResult record = freshRecord();
        IngestReport first = ingest.ingest(List.of(record));
        IngestReport retry = ingest.ingest(List.of(record));

        assertEquals(1, first.accepted());
        assertEquals(0, first.duplicates());
        assertEquals(0, retry.accepted());
        assertEquals(1, retry.duplicates());
        assertEquals(List.of(record.event()), kafka.acknowledged, "the retry put nothing more on Kafka");
    }

    @Test
    void aRetryWhileTheFirstSendIsStillInFlightIsSentAgainRatherThanCalledADuplicate() throws Exception {
        RecordResult record = freshRecord();
        CountDownLatch brokerAnswers = kafka.holdNextSend();
        CompletableFuture<IngestReport> first = CompletableFuture.supplyAsync(() -> ingest.ingest(List.of(record)));
        assertTrue(kafka.sending.await(10, TimeUnit.SECONDS), "the first request reached Kafka");
        double resentBefore = resent();

        // pending is not proof of delivery: the first request may still fail, so the retry must not be dropped
        IngestReport retry = ingest.ingest(List.of(record));
        assertEquals(1, retry.accepted());
        assertEquals(0, retry.duplicates());
        assertEquals(resentBefore + 1, resent(), "a record sent again is counted as resent");

        brokerAnswers.countDown();
        assertEquals(1, first.get(10, TimeUnit.SECONDS).accepted());
        assertEquals(List.of(record.event(), record.event()), kafka.acknowledged,
                "both copies reached Kafka; the scorer counts the event once (its log dedupe)");
        assertEquals(1, ingest.ingest(List.of(record)).duplicates(), "once acknowledged, a retry is a duplicate");
    }

    @Test
    void aFailedSendFailsTheRequestAndReleasesTheRecordSoTheRetryIsNew() {
        RecordResult record = freshRecord();
        kafka.failNextSend();
        assertThrows(DeliveryFailedException.class, () -> ingest.ingest(List.of(record)));
        double resentBefore = resent();

        IngestReport retry = ingest.ingest(List.of(record));
        assertEquals(1, retry.accepted());
        assertEquals(0, retry.duplicates());
        assertEquals(resentBefore, resent(), "a released record is new again, not in doubt");
        assertEquals(List.of(record.event()), kafka.acknowledged);
    }

    @Test
    void aBatchMixingNewAndAcknowledgedRecordsSendsOnlyTheNewOnes() {
        RecordResult known = freshRecord();
        ingest.ingest(List.of(known));
        RecordResult fresh = freshRecord();

        IngestReport report = ingest.ingest(List.of(known, fresh));
        assertEquals(1, report.accepted());
        assertEquals(1, report.duplicates());
        assertEquals(List.of(known.event(), fresh.event()), kafka.acknowledged);
    }

    @Test
    void anAcknowledgedRecordIsAFieldOfItsMinutesHashWhichExpiresAfterTheWindow() {
        RecordResult record = freshRecord();
        ingest.ingest(List.of(record));

        CanonicalEvent e = record.event();
        SourceEventId pair = new SourceEventId(e.source(), e.eventId(), e.occurredAt());
        String key = DedupeRepository.key(config.redis().keyPrefix(), pair);
        assertTrue(key.endsWith(":seen:202402142015"), key);
        assertEquals("a", redis.send(Request.cmd(Command.HGET).arg(key).arg(DedupeRepository.field(pair)))
                .await().indefinitely().toString());
        long ttl = redis.send(Request.cmd(Command.TTL).arg(key)).await().indefinitely().toLong();
        long window = config.ingest().dedupeWindow().toSeconds();
        assertTrue(ttl > window - 60 && ttl <= window, "TTL " + ttl + " s, window " + window + " s");
    }

    /** Kafka as the test wants it: acknowledges at once, holds one send until released, or fails one. */
    static final class ControlledKafka extends EventProducer {

        final List<CanonicalEvent> acknowledged = new CopyOnWriteArrayList<>();
        final CountDownLatch sending = new CountDownLatch(1);
        private final AtomicReference<CountDownLatch> held = new AtomicReference<>();
        private final AtomicBoolean failNext = new AtomicBoolean();

        ControlledKafka(IngestConfig config, ObjectMapper json) {
            super(config, json);
        }

        CountDownLatch holdNextSend() {
            CountDownLatch answer = new CountDownLatch(1);
            held.set(answer);
            return answer;
        }

        void failNextSend() {
            failNext.set(true);
        }

        @Override
        public void sendAll(List<CanonicalEvent> events) {
            if (failNext.getAndSet(false)) {
                throw new DeliveryFailedException("TimeoutException");
            }
            CountDownLatch answer = held.getAndSet(null);
            if (answer != null) {
                sending.countDown();
                try {
                    if (!answer.await(30, TimeUnit.SECONDS)) {
                        throw new DeliveryFailedException("TimeoutException");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DeliveryFailedException("interrupted");
                }
            }
            acknowledged.addAll(events);
        }
    }
}
