package io.caimei.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The path an audit line shows: ids and periods as sent, a phone number in any spelling never. */
class AuditRouteTest {

    @Test
    void idsAndPeriodsOfEveryGranularityStayReadable() {
        for (String period : new String[] { "2024-02-14", "2024-W07", "2024-02", "2024" }) {
            String path = "/api/v1/boards/music/periods/" + period + "/entities/song-000123";
            assertEquals(path, AuditLog.route(path));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "13800138000", "8613800138000", "%2B8613800138000", "+8613800138000",
        "138-0013-8000", "138%200013%208000", "0086-138-0013-8000", "010-12345678", "camp13800138000x" })
    void aSegmentThatIsOrHoldsAPhoneNumberIsRedacted(String segment) {
        String route = AuditLog.route("/api/v1/catalog/entities/" + segment);
        assertEquals("/api/v1/catalog/entities/[redacted]", route);
    }

    @Test
    void anOverlongPathIsCut() {
        String route = AuditLog.route("/api/v1/boards/" + "a".repeat(1000));
        assertTrue(route.length() < 300 && route.endsWith("..."), route);
    }
}
