package io.caimei.scoring.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import io.caimei.common.kafka.ConsumerLoop;
import io.caimei.common.kafka.ConsumerProperties;
import io.caimei.events.Topics;
import io.caimei.scoring.config.ScoringConfig;
import io.caimei.scoring.repository.ProgressRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Consumes {@code caimei.events.v1} exactly once: the applied offset of each partition lives in Redis next to
 * its aggregates and is written in the same script, and on assignment the consumer seeks to it. Kafka's own
 * committed offsets are only advisory (for lag monitoring).
 */
@ApplicationScoped
public class EventConsumerLoop {

    private final ScoringConfig config;
    private final BatchApplier applier;
    private final PeriodService periods;
    private final ProgressRepository progress;
    private final ScoreService scores;
    private final DeadLetters deadLetters;
    private final Set<Integer> assigned = ConcurrentHashMap.newKeySet();
    private final ConsumerLoop loop;

    public EventConsumerLoop(ScoringConfig config, BatchApplier applier, PeriodService periods,
            ProgressRepository progress, ScoreService scores, DeadLetters deadLetters) {
        this.config = config;
        this.applier = applier;
        this.periods = periods;
        this.progress = progress;
        this.scores = scores;
        this.deadLetters = deadLetters;
        ScoringConfig.Scoring s = config.scoring();
        this.loop = new ConsumerLoop("caimei-scoring-consumer", this::newConsumer, new Handler(),
                new ConsumerLoop.Timing(s.pollTimeout(), s.restartDelay(), s.stopTimeout()));
    }

    void start(@Observes StartupEvent ev) {
        startIfEnabled();
    }

    void stop(@Observes ShutdownEvent ev) {
        loop.stop();
    }

    /**
     * Rebuild from Kafka: stops consuming, lets the caller wipe the partition state, then starts again; with no
     * applied offsets in Redis every partition is read from the beginning.
     */
    public synchronized void rebuild(Runnable wipe) {
        loop.stop();
        try {
            wipe.run();
        } finally {
            // a failed wipe must not leave the scorer stopped; the admin sees the error and may try again
            startIfEnabled();
        }
    }

    private void startIfEnabled() {
        if (config.scoring().consumerEnabled()) {
            loop.start();
        }
    }

    /** True while the loop polls without error; used by the readiness check. */
    public boolean healthy() {
        return !config.scoring().consumerEnabled() || loop.healthy();
    }

    public Set<Integer> assignedPartitions() {
        return Set.copyOf(assigned);
    }

    private Consumer<String, String> newConsumer() {
        return new KafkaConsumer<>(ConsumerProperties.manualCommit(config.kafka(), config.scoring().groupId())
                .maxPollRecords(config.scoring().maxPollRecords())
                .maxPartitionFetchBytes(config.scoring().maxPartitionFetchBytes()).readCommitted().build());
    }

    /** Applies each partition's records and commits them to Kafka for lag monitoring only. */
    private final class Handler implements ConsumerLoop.Handler {

        private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(5);

        /** Whether the last poll returned records; an empty one publishes every deferred score at once. */
        private boolean busy;
        private Consumer<String, String> consumer;

        @Override
        public void subscribe(Consumer<String, String> consumer) {
            this.consumer = consumer;
            String topic = config.kafka().topicPrefix() + Topics.EVENTS;
            periods.setPartitionCount(consumer.partitionsFor(topic).size());
            consumer.subscribe(List.of(topic), new AppliedOffsetSeeker(consumer, progress, scores, assigned));
        }

        /**
         * Applies the poll partition by partition, side by side: each partition's records go in consecutive offset
         * ranges (chunks), each applied exactly once on its own (the script checks its first offset), and round k
         * takes the k-th chunk of every partition through each step of {@link BatchApplier} before the next step,
         * so the partitions' Redis calls share one wait per step. One wait per partition and step left the thread
         * idle most of the time at a steady rate, behind other clients' commands in Redis.
         */
        @Override
        public void handle(Consumer<String, String> consumer, ConsumerRecords<String, String> records) {
            busy = true;
            int chunk = Math.max(1, config.scoring().maxScriptRecords());
            List<TopicPartition> partitions = List.copyOf(records.partitions());
            Map<TopicPartition, Long> last = new HashMap<>();
            for (int from = 0;; from += chunk) {
                List<TopicPartition> round = new ArrayList<>();
                List<BatchApplier.Reading> reading = new ArrayList<>();
                for (TopicPartition tp : partitions) {
                    List<ConsumerRecord<String, String>> all = records.records(tp);
                    if (from < all.size()) {
                        round.add(tp);
                        List<ConsumerRecord<String, String>> range = all.subList(from, Math.min(all.size(), from + chunk));
                        reading.add(applier.read(tp.partition(), range));
                    }
                }
                if (round.isEmpty()) {
                    break;
                }
                List<BatchApplier.Writing> writing = new ArrayList<>(round.size());
                reading.forEach(r -> writing.add(applier.write(r)));
                for (int i = 0; i < round.size(); i++) {
                    last.put(round.get(i), applier.finish(writing.get(i)));
                }
            }
            last.forEach((tp, offset) -> ConsumerLoop.commitAsync(consumer, tp, offset));
        }

        @Override
        public void afterPoll() {
            scores.publishDue(!busy);
            busy = false;
            periods.closeDuePeriods(this::behind);
        }

        /**
         * Assigned partitions whose log end (asked of the broker) is past the consumer's position: records still
         * waiting, fetched or not. The consumer's own cached lag proved stale during a backlog (a partition 17 s
         * behind showed none, and its events went LATE), so the broker is asked, once per close check.
         */
        private Set<Integer> behind() {
            Set<Integer> out = new HashSet<>();
            if (consumer == null) {
                return out;
            }
            Set<TopicPartition> assignment = consumer.assignment();
            try {
                Map<TopicPartition, Long> ends = consumer.endOffsets(assignment, BROKER_TIMEOUT);
                for (TopicPartition tp : assignment) {
                    Long end = ends.get(tp);
                    if (end == null || end > consumer.position(tp, BROKER_TIMEOUT)) {
                        out.add(tp.partition());
                    }
                }
            } catch (KafkaException e) {
                // not known now: hold every partition this round rather than close on a guess
                assignment.forEach(tp -> out.add(tp.partition()));
            }
            return out;
        }

        @Override
        public void closed() {
            consumer = null;
            assigned.clear();
            scores.forgetDeferred();
            deadLetters.discard();
        }

        @Override
        public String describe(RuntimeException failure) {
            return failure.getMessage();
        }
    }
}
