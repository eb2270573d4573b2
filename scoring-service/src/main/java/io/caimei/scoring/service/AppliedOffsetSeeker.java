package io.caimei.scoring.service;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

import io.caimei.scoring.repository.ProgressRepository;

/**
 * Seeks each newly assigned partition to just after its offset applied in Redis (Kafka's committed offsets are
 * only advisory), after publishing the scores applied before a crash but not yet acknowledged.
 */
final class AppliedOffsetSeeker implements ConsumerRebalanceListener {

    private final Consumer<String, String> consumer;
    private final ProgressRepository progress;
    private final ScoreService scores;
    private final Set<Integer> assigned;

    AppliedOffsetSeeker(Consumer<String, String> consumer, ProgressRepository progress, ScoreService scores,
            Set<Integer> assigned) {
        this.consumer = consumer;
        this.progress = progress;
        this.scores = scores;
        this.assigned = assigned;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> assigned.remove(tp.partition()));
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            scores.publishDirty(tp.partition());
            long off = progress.appliedOffset(tp.partition());
            if (off >= 0) {
                consumer.seek(tp, off + 1);
            } else {
                consumer.seekToBeginning(List.of(tp));
            }
            assigned.add(tp.partition());
        }
    }
}
