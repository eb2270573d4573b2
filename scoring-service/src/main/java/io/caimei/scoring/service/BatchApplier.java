package io.caimei.scoring.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.caimei.events.CanonicalEvent;
import io.caimei.events.Period;
import io.caimei.scoring.repository.AggregateRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Applies one partition's polled records: reads them, drops second copies, routes contributions to closed periods
 * to the dead letters, writes the rest with the offsets in one script call, then publishes the changed scores and
 * the dead letters. Exactly once: a batch whose offsets are already applied changes nothing.
 */
@ApplicationScoped
public class BatchApplier {

    private final EventReader reader;
    private final LogDedupe dedupe;
    private final AggregateRepository aggregates;
    private final PeriodService periods;
    private final ScoreService scores;
    private final DeadLetters deadLetters;
    private final Counter applied;
    private final Counter copies;
    private final Counter late;

    public BatchApplier(EventReader reader, LogDedupe dedupe, AggregateRepository aggregates, PeriodService periods,
            ScoreService scores, DeadLetters deadLetters, MeterRegistry metrics) {
        this.reader = reader;
        this.dedupe = dedupe;
        this.aggregates = aggregates;
        this.periods = periods;
        this.scores = scores;
        this.deadLetters = deadLetters;
        this.applied = Counter.builder("caimei.events.applied").description("events applied to aggregates")
                .register(metrics);
        this.late = Counter.builder("caimei.events.late")
                .description("event × period contributions skipped because the period was closed").register(metrics);
        this.copies = Counter.builder("caimei.events.duplicate")
                .description("second copies of an event found in the log and not counted").register(metrics);
    }

    /** Applies the records of one partition, in offset order; returns the last offset they cover. */
    public long apply(int partition, List<ConsumerRecord<String, String>> records) {
        PartitionBatch batch = new PartitionBatch(partition, aggregates.keys());
        List<CanonicalEvent> events = new ArrayList<>(records.size());
        List<String> ids = new ArrayList<>(records.size());
        long[] buckets = new long[records.size()];
        for (int i = 0; i < records.size(); i++) {
            CanonicalEvent e = reader.read(records.get(i)).orElse(null);
            events.add(e);
            ids.add(e == null ? null : LogDedupe.id(e));
            buckets[i] = dedupe.bucket(records.get(i).timestamp());
        }
        boolean[] copy = dedupe.copies(partition, buckets, ids);
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, String> r = records.get(i);
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
            Instant at = OffsetDateTime.parse(e.occurredAt()).toInstant();
            for (Period p : Period.allContaining(at)) {
                if (periods.isLate(p.id(), partition, r.offset())) {
                    late.increment();
                    deadLetters.late(e, p.id());
                } else {
                    batch.add(e, p.id(), at.toEpochMilli());
                }
            }
        }
        if (aggregates.apply(batch)) {
            // every event falls in one period of each of the four kinds (day, week, month, year)
            applied.increment(batch.events() / 4.0);
            periods.observe(batch.dirtyMembers());
        }
        scores.publishDirty(partition);
        deadLetters.flush();
        return batch.lastOffset();
    }
}
