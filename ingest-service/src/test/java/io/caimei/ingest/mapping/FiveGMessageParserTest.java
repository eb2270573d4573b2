package io.caimei.ingest.mapping;

import static io.caimei.ingest.mapping.Fixtures.KEYS;
import static io.caimei.ingest.mapping.Fixtures.KEY_13800138000;
import static io.caimei.ingest.mapping.Fixtures.KEY_13912345678;
import static io.caimei.ingest.mapping.Fixtures.MILLIS_201503;
import static io.caimei.ingest.mapping.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.caimei.events.CanonicalEvent;
import io.caimei.events.Channel;
import io.caimei.events.EntityType;
import io.caimei.events.Indicator;
import io.caimei.events.Network;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FiveGMessageParserTest {

    private final FiveGMessageParser parser = new FiveGMessageParser(KEYS);

    private static String record(String messageId, String msisdn, String contentId, String status, String ts) {
        return "{\"messageId\":" + messageId + ",\"msisdn\":" + msisdn + ",\"contentId\":" + contentId
                + ",\"status\":" + status + ",\"timestamp\":" + ts + "}";
    }

    private String reason(String json) {
        List<RecordResult> results = parser.parse(json, NOW);
        assertEquals(1, results.size());
        assertFalse(results.get(0).isAccepted(), () -> "expected a rejection, got " + results.get(0).event());
        return results.get(0).reason();
    }

    @Test
    void aJsonArrayOfStatusReportsBecomesExposuresAndInteractionsOfTheMsisdn() {
        String body = "[\n"
                + "  {\"messageId\":\"m-1\",\"msisdn\":\"+86 138-0013-8000\",\"contentId\":\"VRT000123\","
                + "\"status\":\"DISPLAYED\",\"timestamp\":" + MILLIS_201503 + ",\"carrier\":\"CMCC\"},\n"
                + "  {\"messageId\":\"m-2\",\"msisdn\":\"13912345678\",\"contentId\":\"VRT000123\","
                + "\"status\":\"CLICKED\",\"timestamp\":" + (MILLIS_201503 + 250) + "}\n"
                + "]";
        assertEquals(List.of(
                RecordResult.accepted(0, new CanonicalEvent("m-1", "MSG_5G", Channel.MSG_5G, Network.TELECOM,
                        Indicator.E1, EntityType.CONTENT, "VRT000123", null, "2024-02-14T20:15:03+08:00",
                        KEY_13800138000, 1)),
                RecordResult.accepted(1, new CanonicalEvent("m-2", "MSG_5G", Channel.MSG_5G, Network.TELECOM,
                        Indicator.E4, EntityType.CONTENT, "VRT000123", null, "2024-02-14T20:15:03.25+08:00",
                        KEY_13912345678, 1))),
                parser.parse(body, NOW));
    }

    @Test
    void ndjsonIsIndexedByLineNumberCountingBlankLines() {
        String body = record("\"m-1\"", "\"13800138000\"", "\"C1\"", "\"DISPLAYED\"", "" + MILLIS_201503) + "\r\n"
                + "\r\n"
                + record("\"m-2\"", "\"13800138000\"", "\"C1\"", "\"CLICKED\"", "" + MILLIS_201503) + "\r\n";
        List<RecordResult> results = parser.parse(body, NOW);
        assertEquals(List.of(0, 2), results.stream().map(RecordResult::index).toList());
        assertEquals(List.of(Indicator.E1, Indicator.E4), results.stream().map(r -> r.event().indicator()).toList());
    }

    @ParameterizedTest(name = "status {0} counts as {1}")
    @CsvSource({"DISPLAYED, E1", "CLICKED, E4", "displayed, E1", "Clicked, E4"})
    void everyStatusMapsToItsIndicator(String status, Indicator indicator) {
        RecordResult r = parser.parse(record("\"m\"", "\"13800138000\"", "\"C1\"", "\"" + status + "\"",
                "" + MILLIS_201503), NOW).get(0);
        assertEquals(indicator, r.event().indicator());
        assertEquals(1, r.event().delta());
    }

    @Test
    void missingFieldsAreNamed() {
        assertEquals("MISSING_FIELD: messageId", reason("{\"msisdn\":\"13800138000\"}"));
        assertEquals("MISSING_FIELD: msisdn", reason(record("\"m\"", "null", "\"C1\"", "\"CLICKED\"", "1")));
        assertEquals("MISSING_FIELD: contentId", reason(record("\"m\"", "\"13800138000\"", "\"  \"", "\"CLICKED\"", "1")));
        assertEquals("MISSING_FIELD: status", reason(record("\"m\"", "\"13800138000\"", "\"C1\"", "\"\"", "1")));
        assertEquals("MISSING_FIELD: timestamp", reason(record("\"m\"", "\"13800138000\"", "\"C1\"", "\"CLICKED\"", "null")));
    }

    @Test
    void wrongJsonTypesAreBadFieldsNamingTheField() {
        assertEquals("BAD_FIELD: messageId must be a string, found number",
                reason(record("42", "\"13800138000\"", "\"C1\"", "\"CLICKED\"", "" + MILLIS_201503)));
        assertEquals("BAD_FIELD: msisdn must be a string, found number",
                reason(record("\"m\"", "13800138000", "\"C1\"", "\"CLICKED\"", "" + MILLIS_201503)));
        assertEquals("BAD_FIELD: contentId must be a string, found object",
                reason(record("\"m\"", "\"13800138000\"", "{}", "\"CLICKED\"", "" + MILLIS_201503)));
        assertEquals("BAD_FIELD: status must be a string, found boolean",
                reason(record("\"m\"", "\"13800138000\"", "\"C1\"", "true", "" + MILLIS_201503)));
        assertEquals("BAD_FIELD: timestamp must be an integer (epoch milliseconds), found string",
                reason(record("\"m\"", "\"13800138000\"", "\"C1\"", "\"CLICKED\"", "\"" + MILLIS_201503 + "\"")));
        assertEquals("BAD_FIELD: timestamp must be an integer (epoch milliseconds), found a non-integer number",
                reason(record("\"m\"", "\"13800138000\"", "\"C1\"", "\"CLICKED\"", "1707912903000.5")));
        assertEquals("BAD_FIELD: timestamp must be an integer (epoch milliseconds), found an integer out of range",
                reason(record("\"m\"", "\"13800138000\"", "\"C1\"", "\"CLICKED\"", "99999999999999999999999")));
    }

    @Test
    void aNonMainlandMsisdnIsABadPhone() {
        assertEquals("BAD_PHONE: msisdn is not a mainland mobile number",
                reason(record("\"m\"", "\"+852 9123 4567\"", "\"C1\"", "\"CLICKED\"", "" + MILLIS_201503)));
    }

    @Test
    void anUnknownStatusIsRejectedWithTheValidOnes() {
        assertEquals("UNKNOWN_STATUS: 'READ' is not one of DISPLAYED, CLICKED",
                reason(record("\"m\"", "\"13800138000\"", "\"C1\"", "\"READ\"", "" + MILLIS_201503)));
    }

    @Test
    void badIdsAreRejected() {
        assertEquals("BAD_ID: contentId must be 1 to 128 characters of A-Z a-z 0-9 . _ : - without '..'",
                reason(record("\"m\"", "\"13800138000\"", "\"C 1\"", "\"CLICKED\"", "" + MILLIS_201503)));
        assertEquals("BAD_ID: messageId must be 1 to 128 characters of A-Z a-z 0-9 . _ : - without '..'",
                reason(record("\"m\\r\\nx\"", "\"13800138000\"", "\"C1\"", "\"CLICKED\"", "" + MILLIS_201503)));
    }

    @Test
    void timestampsBefore2000OrMoreThanFiveMinutesAheadAreRejected() {
        assertEquals("BAD_TIMESTAMP: timestamp is before 2000-01-01",
                reason(record("\"m\"", "\"13800138000\"", "\"C1\"", "\"CLICKED\"", "946655999000")));
        assertEquals("BAD_TIMESTAMP: timestamp is before 2000-01-01",
                reason(record("\"m\"", "\"13800138000\"", "\"C1\"", "\"CLICKED\"", "1707912903")));
        assertEquals("FUTURE_EVENT: occurs more than 5 minutes after now",
                reason(record("\"m\"", "\"13800138000\"", "\"C1\"", "\"CLICKED\"", "1707915901000")));
        assertEquals("FUTURE_EVENT: occurs more than 5 minutes after now",
                reason(record("\"m\"", "\"13800138000\"", "\"C1\"", "\"CLICKED\"", "" + Long.MAX_VALUE)));
        assertEquals("2024-02-14T21:05:00+08:00", parser.parse(record("\"m\"", "\"13800138000\"", "\"C1\"",
                "\"CLICKED\"", "1707915900000"), NOW).get(0).event().occurredAt());
    }

    @Test
    void aSingleObjectBodyIsRecordZero() {
        List<RecordResult> results = parser.parse("{\n  \"messageId\": \"m-9\",\n  \"msisdn\": \"13800138000\",\n"
                + "  \"contentId\": \"C1\",\n  \"status\": \"DISPLAYED\",\n  \"timestamp\": " + MILLIS_201503 + "\n}\n", NOW);
        assertEquals(1, results.size());
        assertEquals(0, results.get(0).index());
        assertEquals("m-9", results.get(0).event().eventId());
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() {
        ParseException e = assertThrows(ParseException.class,
                () -> parser.parse("m-1|13800138000|C1|DISPLAYED|1707912903000", NOW));
        assertEquals("NOT_JSON", e.code());
        assertEquals("NOT_JSON: the body is neither a JSON array, a JSON object nor newline-delimited JSON objects "
                + "(error at line 1, column 1); channel MSG_5G expects a JSON array or newline-delimited JSON objects "
                + "{messageId, msisdn, contentId, status, timestamp}", e.getMessage());
        assertFalse(e.getMessage().contains("13800138000"));
    }
}
