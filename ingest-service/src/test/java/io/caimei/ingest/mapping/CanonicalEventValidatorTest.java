package io.caimei.ingest.mapping;

import static io.caimei.ingest.mapping.Fixtures.KEYS;
import static io.caimei.ingest.mapping.Fixtures.KEY_13800138000;
import static io.caimei.ingest.mapping.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.caimei.events.CanonicalEvent;
import io.caimei.events.Channel;
import io.caimei.events.EntityType;
import io.caimei.events.Indicator;
import io.caimei.events.Network;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalEventValidatorTest {

    private final CanonicalEventValidator validator = new CanonicalEventValidator(KEYS);

    private static final String GOOD = "{\"eventId\":\"crm-1\",\"source\":\"crm-backfill\",\"channel\":\"MIGU_APP\","
            + "\"network\":\"INTERNET\",\"indicator\":\"E6\",\"entityType\":\"CONTENT\",\"entityId\":\"VRT000123\","
            + "\"attributedFrom\":null,\"occurredAt\":\"2024-02-14T20:15+08:00\",\"userKey\":\"uid:alice\",\"delta\":1}";

    private String reason(String json) {
        List<RecordResult> results = validator.validate(json, NOW);
        assertEquals(1, results.size());
        assertFalse(results.get(0).isAccepted(), () -> "expected a rejection, got " + results.get(0).event());
        return results.get(0).reason();
    }

    @Test
    void aValidSingleObjectIsAcceptedAsRecordZeroWithSecondsMadeExplicit() {
        assertEquals(List.of(RecordResult.accepted(0, new CanonicalEvent("crm-1", "crm-backfill", Channel.MIGU_APP,
                Network.INTERNET, Indicator.E6, EntityType.CONTENT, "VRT000123", null, "2024-02-14T20:15:00+08:00",
                "uid:alice", 1))), validator.validate(GOOD, NOW));
    }

    @Test
    void networkAndDeltaMayBeOmittedAndAreFilledIn() {
        CanonicalEvent e = validator.validate(GOOD.replace("\"network\":\"INTERNET\",", "").replace(",\"delta\":1", ""), NOW)
                .get(0).event();
        assertEquals(Network.INTERNET, e.network());
        assertEquals(1, e.delta());
    }

    @Test
    void aPhoneNumberUserKeyIsPseudonymizedAndAHashedKeyIsKept() {
        assertEquals(KEY_13800138000, validator.validate(GOOD.replace("uid:alice", "+86 138 0013 8000"), NOW).get(0).event().userKey());
        assertEquals(KEY_13800138000, validator.validate(GOOD.replace("uid:alice", KEY_13800138000), NOW).get(0).event().userKey());
        assertEquals("uid:bob", validator.validate(GOOD.replace("uid:alice", "bob"), NOW).get(0).event().userKey());
    }

    @Test
    void anUnfollowMayHaveDeltaMinusOneButNothingElseMay() {
        assertEquals(-1, validator.validate(GOOD.replace("\"E6\"", "\"E10\"").replace("\"delta\":1", "\"delta\":-1"), NOW)
                .get(0).event().delta());
        assertEquals("BAD_FIELD: delta must be 1, or -1 for E10", reason(GOOD.replace("\"delta\":1", "\"delta\":-1")));
        assertEquals("BAD_FIELD: delta must be 1, or -1 for E10", reason(GOOD.replace("\"delta\":1", "\"delta\":5")));
        assertEquals("BAD_FIELD: delta must be an integer (1, or -1 for E10), found string",
                reason(GOOD.replace("\"delta\":1", "\"delta\":\"1\"")));
    }

    @Test
    void everyFieldIsChecked() {
        assertEquals("MISSING_FIELD: eventId", reason(GOOD.replace("\"eventId\":\"crm-1\",", "")));
        assertEquals("BAD_ID: source must be 1 to 128 characters of A-Z a-z 0-9 . _ : - without '..'",
                reason(GOOD.replace("crm-backfill", "crm backfill")));
        assertEquals("BAD_FIELD: channel 'RADIO' is not one of CRBT, CALLER_ID, OUTBOUND_12530, MSG_5G, MIGU_APP, "
                + "MINI_PROGRAM, CMCC_APP_SDK, H5", reason(GOOD.replace("\"MIGU_APP\"", "\"RADIO\"")));
        assertEquals("BAD_FIELD: network 'TELECOM' does not match channel MIGU_APP (INTERNET)",
                reason(GOOD.replace("\"INTERNET\"", "\"TELECOM\"")));
        assertEquals("BAD_FIELD: indicator E2 is derived from E1's users and cannot be sent",
                reason(GOOD.replace("\"E6\"", "\"E2\"")));
        assertEquals("BAD_FIELD: indicator 'E1' is not produced by channel MIGU_APP (E3, E5, E6, E7, E8, E9, E10, "
                + "E11, E12, E13)", reason(GOOD.replace("\"E6\"", "\"E1\"")));
        assertEquals("BAD_FIELD: indicator 'E99' is not produced by channel MIGU_APP (E3, E5, E6, E7, E8, E9, E10, "
                + "E11, E12, E13)", reason(GOOD.replace("\"E6\"", "\"E99\"")));
        assertEquals("BAD_FIELD: entityType 'SONG' is not one of CONTENT, MUSIC, ACCOUNT, AI_APP, CAMPAIGN",
                reason(GOOD.replace("\"CONTENT\"", "\"SONG\"")));
        assertEquals("BAD_ID: entityId must be 1 to 128 characters of A-Z a-z 0-9 . _ : - without '..'",
                reason(GOOD.replace("VRT000123", "VRT/123")));
        assertEquals("BAD_FIELD: attributedFrom must be null; attribution is done by ingest",
                reason(GOOD.replace("\"attributedFrom\":null", "\"attributedFrom\":\"X1\"")));
        assertEquals("BAD_TIMESTAMP: occurredAt has no UTC offset (e.g. 2024-02-14T20:15:03+08:00)",
                reason(GOOD.replace("2024-02-14T20:15+08:00", "2024-02-14T20:15")));
        assertEquals("FUTURE_EVENT: occurs more than 5 minutes after now",
                reason(GOOD.replace("2024-02-14T20:15+08:00", "2024-02-15T20:15+08:00")));
        assertEquals("MISSING_FIELD: userKey", reason(GOOD.replace("\"uid:alice\"", "null")));
        assertEquals("BAD_FIELD: userKey with prefix 'u:' or 'p:' must be followed by 64 lowercase hex digits",
                reason(GOOD.replace("uid:alice", "u:13800138000")));
    }

    @Test
    void theIndicatorsOfEachChannelFollowItsNativeFormat() {
        assertEquals(EnumSet.of(Indicator.E1, Indicator.E3, Indicator.E4), CanonicalEventValidator.indicatorsOf(Channel.CRBT));
        assertEquals(EnumSet.of(Indicator.E1), CanonicalEventValidator.indicatorsOf(Channel.CALLER_ID));
        assertEquals(EnumSet.of(Indicator.E1, Indicator.E4), CanonicalEventValidator.indicatorsOf(Channel.OUTBOUND_12530));
        assertEquals(EnumSet.of(Indicator.E1, Indicator.E4), CanonicalEventValidator.indicatorsOf(Channel.MSG_5G));
        assertEquals(EnumSet.of(Indicator.E3, Indicator.E5, Indicator.E6, Indicator.E7, Indicator.E8, Indicator.E9,
                Indicator.E10, Indicator.E11, Indicator.E12, Indicator.E13), CanonicalEventValidator.indicatorsOf(Channel.H5));
    }

    @Test
    void anArrayIsValidatedElementByElement() {
        List<RecordResult> results = validator.validate("[" + GOOD + "," + GOOD.replace("crm-1", "") + ","
                + GOOD.replace("crm-1", "crm-3") + "]", NOW);
        assertEquals(List.of("crm-1", "MISSING_FIELD: eventId", "crm-3"),
                results.stream().map(r -> r.isAccepted() ? r.event().eventId() : r.reason()).toList());
    }

    @Test
    void anEmptyArrayHasNoRecords() {
        assertEquals("NO_RECORDS: the JSON array is empty",
                assertThrows(ParseException.class, () -> validator.validate(" [ ] ", NOW)).getMessage());
    }
}
