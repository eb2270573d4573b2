package io.caimei.ingest.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.caimei.common.redis.SlotBatches;

/**
 * Dedupe hashes carry one of 16 hash tags and the minute of event time: a request of any size is at most 16
 * pipelined batches, each of one slot, and a retry of an event always finds the hash its first attempt wrote.
 */
class ClusterSafeKeysTest {

    private static SourceEventId pair(String source, String eventId, String at) {
        return new SourceEventId(source, eventId, at);
    }

    @Test
    void aRequestsDedupeHashesFallInAtMostSixteenSlotsAndTheSameEventAlwaysInTheSameHash() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            keys.add(DedupeRepository.key("ing", pair("src-" + (i % 3), "event-" + i, "2024-02-14T20:15:03+08:00")));
        }
        Set<Integer> slots = new HashSet<>();
        keys.forEach(k -> slots.add(SlotBatches.slot(k)));
        assertEquals(DedupeRepository.BUCKETS, slots.size());
        assertEquals(DedupeRepository.BUCKETS, SlotBatches.groups(keys).size());
        assertEquals(DedupeRepository.BUCKETS, new HashSet<>(keys).size(), "one hash per tag for one minute");
        SourceEventId e = pair("src-1", "event-7", "2024-02-14T20:15:59+08:00");
        assertEquals(DedupeRepository.key("ing", e), DedupeRepository.key("ing", e));
        assertEquals("src-1:event-7", DedupeRepository.field(e));
    }

    @Test
    void theHashIsNamedByTheMinuteOfTheEventTimeAsIngestWroteIt() {
        String key = DedupeRepository.key("ing", pair("a", "b", "2024-02-14T20:15:03+08:00"));
        assertEquals("202402142015", key.substring(key.lastIndexOf(':') + 1));
        assertEquals(key.substring(0, key.lastIndexOf(':')),
                DedupeRepository.key("ing", pair("a", "b", "2024-02-14T20:16:00+08:00"))
                        .substring(0, key.lastIndexOf(':')), "the tag is the pair's, whatever the minute");
        assertNotEquals(key, DedupeRepository.key("ing", pair("a", "b", "2024-02-14T20:16:00+08:00")));
    }
}
