package io.caimei.ranking.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClosedETagTest {

    private static final String TAG = ClosedETag.of("content-heat", "2024-05", "page 0 20", 7);

    @Test
    void theSameAnswerAlwaysHasTheSameStrongTag() {
        assertEquals(TAG, ClosedETag.of("content-heat", "2024-05", "page 0 20", 7));
        assertTrue(TAG.matches("\"[0-9a-f]{32}\""), TAG);
    }

    @Test
    void anotherPageBoardPeriodOrCatalogVersionHasAnotherTag() {
        assertNotEquals(TAG, ClosedETag.of("content-heat", "2024-05", "page 20 20", 7));
        assertNotEquals(TAG, ClosedETag.of("ai-apps", "2024-05", "page 0 20", 7));
        assertNotEquals(TAG, ClosedETag.of("content-heat", "2024-06", "page 0 20", 7));
        assertNotEquals(TAG, ClosedETag.of("content-heat", "2024-05", "page 0 20", 8), "a renamed entity changes it");
    }

    @Test
    void ifNoneMatchMatchesTheTagInAListWeaklyOrAsStar() {
        assertTrue(ClosedETag.matches(TAG, TAG));
        assertTrue(ClosedETag.matches("\"x\", " + TAG, TAG));
        assertTrue(ClosedETag.matches("W/" + TAG, TAG));
        assertTrue(ClosedETag.matches("*", TAG));
        assertFalse(ClosedETag.matches("\"x\"", TAG));
        assertFalse(ClosedETag.matches(null, TAG));
    }
}
