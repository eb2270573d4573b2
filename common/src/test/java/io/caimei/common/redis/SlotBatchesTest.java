package io.caimei.common.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class SlotBatchesTest {

    @Test
    void slotsAreThoseRedisClusterComputes() {
        // the values of Redis' CLUSTER KEYSLOT documentation
        assertEquals(12182, SlotBatches.slot("foo"));
        assertEquals(11058, SlotBatches.slot("somekey"));
        assertEquals(2515, SlotBatches.slot("foo{hash_tag}"));
        assertEquals(2515, SlotBatches.slot("bar{hash_tag}"));
        assertEquals(SlotBatches.slot("p3"), SlotBatches.slot("cm:{p3}:agg:x:2024"));
        assertEquals(SlotBatches.slot("a{b}c"), SlotBatches.slot("b"));
        assertEquals(SlotBatches.slot("{a}{b}"), SlotBatches.slot("a"), "only the first tag counts");
    }

    @Test
    void keysOfOneTagFormOneBatchAndOthersTheirOwn() {
        List<List<Integer>> groups = List.copyOf(SlotBatches.groups(List.of("rk:{b:2024}:z", "rk:{b}:periods",
                "rk:{b:2024}:top", "rk:{b}:periods")));
        assertEquals(List.of(List.of(0, 2), List.of(1, 3)), groups);
    }
}
