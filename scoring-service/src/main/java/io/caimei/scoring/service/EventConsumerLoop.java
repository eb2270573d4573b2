package io.caimei.scoring.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.caimei.events.CanonicalEvent;
import io.caimei.events.Period;
import io.caimei.events.Topics;
import io.caimei.scoring.config.ScoringConfig;
import io.caimei.scoring.repository.AggregateRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Consumes {@code caimei.events.v1} exactly once: the applied offset of each partition lives in Redis next to
 * its aggregates and is written in the same script, and on assignment the consumer seeks to it. Kafka's own
 * committed offsets are only advisory (for lag monitoring).
 */
@ApplicationScoped
public class EventConsumerLoop {

    private static final Logger LOG = Logger.getLogger(EventConsumerLoop.class);

    private final ScoringConfig config;
    private final AggregateRepository aggregates;
    private final ScoreService scores;
    private final PeriodService periods;
    private final ObjectMapper json;
    private final LogDedupe dedupe;
    private final Counter applied;
    private final Counter copies;
    private final Counter late;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Set<Integer> assigned = ConcurrentHashMap.newKeySet();
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean healthy;
    private Thread thread;

    public EventConsumerLoop(ScoringConfig config, AggregateRepository aggregates, ScoreService scores,
            PeriodService periods, ObjectMapper json, LogDedupe dedupe, MeterRegistry metrics) {
        this.config = config;
        this.aggregates = aggregates;
        this.scores = scores;
        this.periods = periods;
        this.json = json;
        this.dedupe = dedupe;
        this.applied = Counter.builder("caimei.events.applied").description("events applied to aggregates")
                .register(metrics);
        this.late = Counter.builder("caimei.events.late")
                .description("event × period contributions skipped because the period was closed").register(metrics);
        this.copies = Counter.builder("caimei.events.duplicate")
                .description("second copies of an event found in the log and not counted").register(metrics);
    }

    void start(@Observes StartupEvent ev) {
        if (!config.scoring().consumerEnabled()) {
            return;
        }
        running.set(true);
        thread = new Thread(this::run, "caimei-scoring-consumer");
        thread.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running.set(false);
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Rebuild from Kafka: stops consuming, lets the caller wipe the partition state, then starts again; with no
     * applied offsets in Redis every partition is read from the beginning.
     */
    public synchronized void rebuild(Runnable wipe) {
        stop(null);
        try {
            wipe.run();
        } finally {
            // a failed wipe must not leave the scorer stopped; the admin sees the error and may try again
            start(null);
        }
    }

    /** True while the loop polls without error; used by the readiness check. */
    public boolean healthy() {
        return !config.scoring().consumerEnabled() || healthy;
    }

    public Set<Integer> assignedPartitions() {
        return Set.copyOf(assigned);
    }

    private void run() {
        while (running.get()) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumerProperties())) {
                consumer = c;
                String topic = config.kafka().topicPrefix() + Topics.EVENTS;
                periods.setPartitionCount(c.partitionsFor(topic).size());
                c.subscribe(java.util.List.of(topic), new Listener(c));
                while (running.get()) {
                    ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(500));
                    healthy = true;
                    if (!records.isEmpty()) {
                        process(c, records);
                    }
                    periods.closeDuePeriods();
                }
            } catch (WakeupException e) {
                // shutting down
            } catch (RuntimeException e) {
                healthy = false;
                LOG.errorf("scoring consumer failed, restarting in 2 s: %s", e.getMessage());
                sleep(2000);
            } finally {
                assigned.clear();
            }
        }
    }

    private void process(KafkaConsumer<String, String> c, ConsumerRecords<String, String> records) {
        for (TopicPartition tp : records.partitions()) {
            PartitionBatch batch = new PartitionBatch(tp.partition(), aggregates.keys());
            List<ConsumerRecord<String, String>> recs = records.records(tp);
            List<CanonicalEvent> events = new ArrayList<>(recs.size());
            List<String> ids = new ArrayList<>(recs.size());
            long[] buckets = new long[recs.size()];
            for (int i = 0; i < recs.size(); i++) {
                CanonicalEvent e = parse(recs.get(i));
                events.add(e);
                ids.add(e == null ? null : LogDedupe.id(e));
                buckets[i] = dedupe.bucket(recs.get(i).timestamp());
            }
            boolean[] copy = dedupe.copies(tp.partition(), buckets, ids);
            for (int i = 0; i < recs.size(); i++) {
                ConsumerRecord<String, String> r = recs.get(i);
                batch.covers(r.offset());
                CanonicalEvent e = events.get(i);
                if (e == null) {
                    continue;
                }
                if (ids.get(i) != null) {
                    batch.remember(buckets[i], ids.get(i));
                }
                if (copy[i]) {
                    copies.increment();
                    continue;
                }
                var at = OffsetDateTime.parse(e.occurredAt()).toInstant();
                for (Period p : Period.allContaining(at)) {
                    if (periods.isLate(p.id(), tp.partition(), r.offset())) {
                        late.increment();
                        periods.recordLate(e, p.id());
                    } else {
                        batch.add(e, p.id(), at.toEpochMilli());
                    }
                }
            }
            if (aggregates.apply(batch)) {
                applied.increment(batch.events() / 4.0);
                periods.observe(batch.dirtyMembers());
            }
            scores.publishDirty(tp.partition());
            periods.flushDeadLetters();
            Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> commit = new HashMap<>();
            commit.put(tp, new org.apache.kafka.clients.consumer.OffsetAndMetadata(batch.lastOffset() + 1));
            c.commitAsync(commit, null);
        }
    }

    private CanonicalEvent parse(ConsumerRecord<String, String> r) {
        try {
            CanonicalEvent e = json.readValue(r.value(), CanonicalEvent.class);
            if (e.indicator() == null || e.entityId() == null || e.occurredAt() == null || e.entityType() == null) {
                throw new IllegalArgumentException("missing field");
            }
            OffsetDateTime.parse(e.occurredAt());
            return e;
        } catch (Exception ex) {
            // ingest validates everything, so this is a foreign record: never count it, never stop for it
            LOG.warnf("skipping unreadable record %s-%d@%d: %s", r.topic(), r.partition(), r.offset(),
                    ex.getClass().getSimpleName());
            periods.recordUnreadable(r.topic(), r.partition(), r.offset(), ex.getClass().getSimpleName());
            return null;
        }
    }

    private Properties consumerProperties() {
        Properties p = config.kafka().connection();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.scoring().groupId());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(config.scoring().maxPollRecords()));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Seeks each newly assigned partition to just after its offset applied in Redis. */
    private final class Listener implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, String> c;

        Listener(KafkaConsumer<String, String> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(tp -> assigned.remove(tp.partition()));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                // scores applied before a crash but not yet acknowledged by Kafka go out first
                scores.publishDirty(tp.partition());
                long off = aggregates.appliedOffset(tp.partition());
                if (off >= 0) {
                    c.seek(tp, off + 1);
                } else {
                    c.seekToBeginning(java.util.List.of(tp));
                }
                assigned.add(tp.partition());
            }
        }
    }
}
