package io.caimei.ingest.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.caimei.common.redis.SlotBatches;

/** Dedupe keys carry one of 16 hash tags: a request of any size is at most 16 pipelined batches, each of one slot. */
class ClusterSafeKeysTest {

    @Test
    void aRequestsDedupeKeysFallInAtMostSixteenSlotsAndTheSameEventAlwaysInTheSameOne() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            keys.add(DedupeRepository.key("ing", "src-" + (i % 3), "event-" + i));
        }
        Set<Integer> slots = new HashSet<>();
        keys.forEach(k -> slots.add(SlotBatches.slot(k)));
        assertEquals(DedupeRepository.BUCKETS, slots.size());
        assertEquals(DedupeRepository.BUCKETS, SlotBatches.groups(keys).size());
        assertEquals(DedupeRepository.key("ing", "src-1", "event-7"), DedupeRepository.key("ing", "src-1", "event-7"));
        assertTrue(DedupeRepository.key("ing", "a", "b").matches("ing:\\{s\\d+\\}:seen:a:b"),
                DedupeRepository.key("ing", "a", "b"));
    }
}
