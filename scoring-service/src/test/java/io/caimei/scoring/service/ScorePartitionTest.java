package io.caimei.scoring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/** Batched score records land where Kafka's default partitioner put a record keyed by the entity id. */
class ScorePartitionTest {

    @Test
    void everyEntityGoesToThePartitionItsIdAsKeyWouldHaveGone() {
        String[] ids = { "c1", "bench-c4242", "周杰伦", "m-0007", "a", "campaign-2024-春节", "x".repeat(200) };
        for (int partitions : new int[] { 1, 6, 12, 16 }) {
            for (String id : ids) {
                assertEquals(BuiltInPartitioner.partitionForKey(id.getBytes(StandardCharsets.UTF_8), partitions),
                        ScorePublisher.partitionOf(id, partitions), id + " of " + partitions);
            }
            for (int i = 0; i < 10_000; i++) {
                String id = "e" + i;
                assertEquals(BuiltInPartitioner.partitionForKey(id.getBytes(StandardCharsets.UTF_8), partitions),
                        ScorePublisher.partitionOf(id, partitions), id + " of " + partitions);
            }
        }
    }
}
