package io.caimei.scoring.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caimei.events.EntityType;
import io.caimei.scoring.mapping.ClosePoint;
import io.caimei.scoring.mapping.EntityPeriod;

/** The stored forms a running system already holds in Redis stay readable after an upgrade. */
class RedisKeysTest {

    private final RedisKeys keys = new RedisKeys("cm");

    @Test
    void dirtyMembersKeepTheirStoredForm() {
        EntityPeriod pair = new EntityPeriod(EntityType.AI_APP, "app-1", "2024-W07");
        assertEquals("AI_APP|app-1|2024-W07", keys.dirtyMember(pair));
        assertEquals(pair, keys.parseDirtyMember("AI_APP|app-1|2024-W07"));
        assertEquals("cm:{p3}:dirty", keys.dirty(3));
        assertEquals("cm:{p3}:a:2024-W07", keys.aggregates(3, "2024-W07"));
    }

    @Test
    void onlyRecordsAfterTheCloseAreLateAndAPartitionUnknownAtTheCloseIsLateThroughout() {
        ClosePoint close = new ClosePoint(Map.of(0, 41L, 1, -1L));
        assertFalse(close.isLate(0, 41));
        assertTrue(close.isLate(0, 42));
        assertTrue(close.isLate(1, 0), "a partition that had applied nothing counts nothing after the close");
        assertTrue(close.isLate(7, 0));
    }
}
