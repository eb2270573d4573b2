package io.caimei.scoring.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.caimei.events.CanonicalEvent;
import io.caimei.events.Period;
import io.caimei.scoring.repository.AggregateRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Applies one partition's polled records: reads them, drops second copies, routes contributions to closed periods
 * to the dead letters, writes the rest with the offsets in one script call, then publishes the dead letters and
 * leaves the changed scores to {@link ScoreService#publishDue(boolean)}. Exactly once: a batch whose offsets are already applied changes nothing.
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
        EventReader.Read[] events = new EventReader.Read[records.size()];
        List<String> ids = new ArrayList<>(records.size());
        long[] buckets = new long[records.size()];
        for (int i = 0; i < records.size(); i++) {
            EventReader.Read e = reader.read(records.get(i));
            events[i] = e;
            ids.add(e == null ? null : LogDedupe.id(e.event()));
            buckets[i] = dedupe.bucket(records.get(i).timestamp());
        }
        boolean[] copy = dedupe.copies(partition, buckets, ids);
        // the four period ids of a local day, computed once per day of the batch rather than per event
        Map<LocalDate, String[]> periodIds = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, String> r = records.get(i);
            batch.covers(r.offset());
            EventReader.Read read = events[i];
            if (read == null) {
                continue;
            }
            if (ids.get(i) != null) {
                batch.remember(buckets[i], ids.get(i));
            }
            if (copy[i]) {
                copies.increment();
                continue;
            }
            CanonicalEvent e = read.event();
            long millis = read.at().toEpochMilli();
            for (String period : periodIds.computeIfAbsent(read.at().atZone(Period.ZONE).toLocalDate(),
                    Period::idsContaining)) {
                if (periods.isLate(period, partition, r.offset())) {
                    late.increment();
                    deadLetters.late(e, period);
                } else {
                    batch.add(e, period, millis);
                }
            }
        }
        if (aggregates.apply(batch)) {
            // every event falls in one period of each of the four kinds (day, week, month, year)
            applied.increment(batch.events() / 4.0);
            periods.observe(batch.dirtyMembers());
        }
        // published by the consumer loop once the publish interval has passed (several batches, one update each)
        scores.defer(partition);
        deadLetters.flush();
        return batch.lastOffset();
    }
}
