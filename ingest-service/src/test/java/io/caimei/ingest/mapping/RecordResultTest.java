package io.caimei.ingest.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.caimei.events.CanonicalEvent;
import io.caimei.events.Channel;
import io.caimei.events.EntityType;
import io.caimei.events.Indicator;
import io.caimei.events.Network;
import org.junit.jupiter.api.Test;

class RecordResultTest {

    private static final CanonicalEvent EVENT = new CanonicalEvent("e1", "CRBT", Channel.CRBT, Network.TELECOM,
            Indicator.E1, EntityType.CONTENT, "c1", null, "2024-02-14T20:15:03+08:00", "uid:a", 1);

    @Test
    void anAcceptedResultHasAnEventAndNoReason() {
        RecordResult r = RecordResult.accepted(3, EVENT);
        assertEquals(3, r.index());
        assertEquals(EVENT, r.event());
        assertNull(r.reason());
        assertNull(r.code());
        assertTrue(r.isAccepted());
    }

    @Test
    void aRejectedResultHasAReasonAndNoEventAndExposesItsCode() {
        RecordResult r = RecordResult.rejected(7, "MISSING_FIELD: eid");
        assertEquals(7, r.index());
        assertNull(r.event());
        assertEquals("MISSING_FIELD: eid", r.reason());
        assertEquals("MISSING_FIELD", r.code());
        assertFalse(r.isAccepted());
    }

    @Test
    void exactlyOneOfEventAndReasonMustBeSet() {
        assertThrows(IllegalArgumentException.class, () -> new RecordResult(0, EVENT, "X: y"));
        assertThrows(IllegalArgumentException.class, () -> new RecordResult(0, null, null));
        assertThrows(IllegalArgumentException.class, () -> RecordResult.accepted(0, null));
        assertThrows(IllegalArgumentException.class, () -> RecordResult.rejected(0, " "));
        assertThrows(IllegalArgumentException.class, () -> RecordResult.rejected(-1, "X: y"));
    }
}
