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
 * leaves the changed scores to {@link ScoreService#publishDue(boolean)}. Exactly once: a batch whose offsets are
 * already applied changes nothing.
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
        return finish(write(read(partition, records)));
    }

    /**
     * The first of three steps of {@link #apply}, which a poll takes for all its partitions side by side (each
     * step for every partition before the next step), so the partitions' Redis calls share their waits: reads the
     * records and sends the check for copies.
     */
    public Reading read(int partition, List<ConsumerRecord<String, String>> records) {
        EventReader.Read[] events = new EventReader.Read[records.size()];
        List<String> ids = new ArrayList<>(records.size());
        long[] buckets = new long[records.size()];
        for (int i = 0; i < records.size(); i++) {
            EventReader.Read e = reader.read(records.get(i));
            events[i] = e;
            ids.add(e == null ? null : LogDedupe.id(e.event()));
            buckets[i] = dedupe.bucket(records.get(i).timestamp());
        }
        return new Reading(partition, records, events, ids, buckets, dedupe.start(partition, buckets, ids));
    }

    /** Records read, their copy check on its way. */
    public record Reading(int partition, List<ConsumerRecord<String, String>> records, EventReader.Read[] events,
            List<String> ids, long[] buckets, LogDedupe.Copies copies) {
    }

    /** The second step: takes the copy check, routes late contributions, and sends the apply script. */
    public Writing write(Reading in) {
        int partition = in.partition();
        List<ConsumerRecord<String, String>> records = in.records();
        PartitionBatch batch = new PartitionBatch(partition, aggregates.keys());
        boolean[] copy = in.copies().await();
        // the four period ids of a local day, computed once per day of the batch rather than per event
        Map<LocalDate, String[]> periodIds = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, String> r = records.get(i);
            batch.covers(r.offset());
            EventReader.Read read = in.events()[i];
            if (read == null) {
                continue;
            }
            if (in.ids().get(i) != null) {
                batch.remember(in.buckets()[i], in.ids().get(i));
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
                    deadLetters.late(partition, e, period);
                } else {
                    batch.add(e, period, millis);
                }
            }
        }
        return new Writing(batch, aggregates.start(batch));
    }

    /** A batch whose apply script is on its way. */
    public record Writing(PartitionBatch batch, AggregateRepository.Applying applying) {
    }

    /**
     * The last step: takes the script's answer, then sends the partition's dead letters; the changed scores are
     * left to {@link ScoreService#publishDue(boolean)}. Returns the last offset the records cover.
     */
    public long finish(Writing w) {
        PartitionBatch batch = w.batch();
        if (w.applying().await()) {
            // every event falls in one period of each of the four kinds (day, week, month, year)
            applied.increment(batch.events() / 4.0);
            periods.observe(batch.dirtyMembers());
        }
        // published by the consumer loop once the publish interval has passed (several batches, one update each)
        scores.defer(batch.partition());
        deadLetters.flush(batch.partition());
        return batch.lastOffset();
    }
}
