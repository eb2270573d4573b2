package io.caimei.ingest.mapping;

import static io.caimei.ingest.mapping.Fixtures.KEYS;
import static io.caimei.ingest.mapping.Fixtures.KEY_13800138000;
import static io.caimei.ingest.mapping.Fixtures.KEY_13912345678;
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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CdrParserTest {

    private final CdrParser parser = new CdrParser(KEYS);

    private RecordResult one(Channel channel, String line) {
        List<RecordResult> results = parser.parse(channel, line, NOW);
        assertEquals(1, results.size());
        return results.get(0);
    }

    private String reason(Channel channel, String line) {
        RecordResult r = one(channel, line);
        assertFalse(r.isAccepted(), () -> "expected a rejection, got " + r.event());
        return r.reason();
    }

    @Test
    void aMessyCrbtBodyWithCommentsBlankLinesCrlfAndTrailingSpacesIsParsedLineByLine() {
        String body = "# CRBT CDR export 2024-02-14 20:00-20:30\r\n"
                + "cdr-0001|+86 138-0013-8000|13912345678|VRT000123|PLAY|20240214201503  \r\n"
                + "\r\n"
                + "   \r\n"
                + "cdr-0002 | 8613800138000 | 13912345678 | VRT000123 | ORDER_1# | 20240214201510\r\n"
                + "cdr-0003|13912345678|13800138000|VRT000456|N#|20240214201520\t\r\n"
                + "  # trailing comment\r\n";

        List<RecordResult> results = parser.parse(Channel.CRBT, body, NOW);

        assertEquals(List.of(
                RecordResult.accepted(1, new CanonicalEvent("cdr-0001", "CRBT", Channel.CRBT, Network.TELECOM,
                        Indicator.E1, EntityType.CONTENT, "VRT000123", null, "2024-02-14T20:15:03+08:00",
                        KEY_13800138000, 1)),
                RecordResult.accepted(4, new CanonicalEvent("cdr-0002", "CRBT", Channel.CRBT, Network.TELECOM,
                        Indicator.E3, EntityType.CONTENT, "VRT000123", null, "2024-02-14T20:15:10+08:00",
                        KEY_13800138000, 1)),
                RecordResult.accepted(5, new CanonicalEvent("cdr-0003", "CRBT", Channel.CRBT, Network.TELECOM,
                        Indicator.E4, EntityType.CONTENT, "VRT000456", null, "2024-02-14T20:15:20+08:00",
                        KEY_13912345678, 1))),
                results);
    }

    @Test
    void aCallerIdLineIsAnExposureOfTheCalledParty() {
        RecordResult r = one(Channel.CALLER_ID, "cid-77|02161234567|+86 138 0013 8000|CARD-9|DISPLAY|20240214080000\n");
        assertEquals(RecordResult.accepted(0, new CanonicalEvent("cid-77", "CALLER_ID", Channel.CALLER_ID,
                Network.TELECOM, Indicator.E1, EntityType.CONTENT, "CARD-9", null, "2024-02-14T08:00:00+08:00",
                KEY_13800138000, 1)), r);
    }

    @Test
    void outbound12530LinesAreExposuresAndNSharpInteractionsOfTheCalledParty() {
        List<RecordResult> results = parser.parse(Channel.OUTBOUND_12530,
                "ob-1|12530|13800138000|VID-1|VIDEO_SHOWN|20240214203000\nob-2|12530|13912345678|VID-1|N#|20240214203005",
                NOW);
        assertEquals(List.of(
                RecordResult.accepted(0, new CanonicalEvent("ob-1", "OUTBOUND_12530", Channel.OUTBOUND_12530,
                        Network.TELECOM, Indicator.E1, EntityType.CONTENT, "VID-1", null,
                        "2024-02-14T20:30:00+08:00", KEY_13800138000, 1)),
                RecordResult.accepted(1, new CanonicalEvent("ob-2", "OUTBOUND_12530", Channel.OUTBOUND_12530,
                        Network.TELECOM, Indicator.E4, EntityType.CONTENT, "VID-1", null,
                        "2024-02-14T20:30:05+08:00", KEY_13912345678, 1))),
                results);
    }

    @ParameterizedTest(name = "{0} event {1} counts as {2} with delta 1")
    @CsvSource({"CRBT, PLAY, E1", "CRBT, ORDER_1#, E3", "CRBT, N#, E4", "CALLER_ID, DISPLAY, E1",
        "OUTBOUND_12530, VIDEO_SHOWN, E1", "OUTBOUND_12530, N#, E4", "CRBT, play, E1", "CRBT, order_1#, E3"})
    void everyCdrEventMapsToItsIndicator(Channel channel, String event, Indicator indicator) {
        RecordResult r = one(channel, "x1|13800138000|13912345678|C1|" + event + "|20240214201503");
        assertEquals(indicator, r.event().indicator());
        assertEquals(1, r.event().delta());
    }

    @Test
    void theEventTablesAreExactlyTheDesignOnes() {
        assertEquals(Map.of("PLAY", Indicator.E1, "ORDER_1#", Indicator.E3, "N#", Indicator.E4),
                CdrParser.events(Channel.CRBT));
        assertEquals(Map.of("DISPLAY", Indicator.E1), CdrParser.events(Channel.CALLER_ID));
        assertEquals(Map.of("VIDEO_SHOWN", Indicator.E1, "N#", Indicator.E4), CdrParser.events(Channel.OUTBOUND_12530));
    }

    @ParameterizedTest(name = "{0}: the user is the {1} party")
    @CsvSource({"CRBT, calling, " + KEY_13800138000, "CALLER_ID, called, " + KEY_13912345678,
        "OUTBOUND_12530, called, " + KEY_13912345678})
    void theUserIsTheCallingPartyForCrbtAndTheCalledPartyOtherwise(Channel channel, String party, String expectedKey) {
        String event = channel == Channel.CALLER_ID ? "DISPLAY" : channel == Channel.CRBT ? "PLAY" : "VIDEO_SHOWN";
        RecordResult r = one(channel, "x1|13800138000|13912345678|C1|" + event + "|20240214201503");
        assertEquals(expectedKey, r.event().userKey());
    }

    @Test
    void theUnusedPartyIsNotChecked() {
        assertEquals(KEY_13800138000, one(Channel.CRBT, "x1|13800138000||C1|PLAY|20240214201503").event().userKey());
        assertEquals(KEY_13800138000,
                one(Channel.CALLER_ID, "x1|anonymous|13800138000|C1|DISPLAY|20240214201503").event().userKey());
    }

    @Test
    void aLineWithTooFewOrTooManyFieldsIsMalformed() {
        assertEquals("MALFORMED_LINE: expected 6 '|'-separated fields, found 4",
                reason(Channel.CRBT, "x1|13800138000|13912345678|C1"));
        assertEquals("MALFORMED_LINE: expected 6 '|'-separated fields, found 7",
                reason(Channel.CRBT, "x1|13800138000|13912345678|C1|PLAY|20240214201503|extra"));
        assertEquals("MALFORMED_LINE: expected 6 '|'-separated fields, found 1", reason(Channel.CRBT, "hello world"));
    }

    @Test
    void aSeparatorInjectedIntoAFieldMakesTheLineMalformed() {
        assertEquals("MALFORMED_LINE: expected 6 '|'-separated fields, found 7",
                reason(Channel.CRBT, "x1|13800138000|13912345678|C1|evil|PLAY|20240214201503"));
    }

    @Test
    void emptyFieldsAreMissing() {
        assertEquals("MISSING_FIELD: cdrId", reason(Channel.CRBT, " |13800138000|13912345678|C1|PLAY|20240214201503"));
        assertEquals("MISSING_FIELD: callingMsisdn", reason(Channel.CRBT, "x1| |13912345678|C1|PLAY|20240214201503"));
        assertEquals("MISSING_FIELD: calledMsisdn", reason(Channel.CALLER_ID, "x1|13800138000||C1|DISPLAY|20240214201503"));
        assertEquals("MISSING_FIELD: contentCode", reason(Channel.CRBT, "x1|13800138000|13912345678||PLAY|20240214201503"));
        assertEquals("MISSING_FIELD: event", reason(Channel.CRBT, "x1|13800138000|13912345678|C1||20240214201503"));
        assertEquals("MISSING_FIELD: time", reason(Channel.CRBT, "x1|13800138000|13912345678|C1|PLAY|"));
    }

    @Test
    void aUserPartyThatIsNotAMainlandMobileIsABadPhoneAndIsNotQuoted() {
        assertEquals("BAD_PHONE: callingMsisdn is not a mainland mobile number",
                reason(Channel.CRBT, "x1|+1 415 555 0100|13912345678|C1|PLAY|20240214201503"));
        assertEquals("BAD_PHONE: calledMsisdn is not a mainland mobile number",
                reason(Channel.OUTBOUND_12530, "x1|13800138000|1380013800|C1|N#|20240214201503"));
    }

    @Test
    void anEventNotValidForTheChannelIsUnknownAndListsTheValidOnes() {
        assertEquals("UNKNOWN_EVENT: 'PLAYED' is not valid for CRBT (PLAY, ORDER_1#, N#)",
                reason(Channel.CRBT, "x1|13800138000|13912345678|C1|PLAYED|20240214201503"));
        assertEquals("UNKNOWN_EVENT: 'PLAY' is not valid for CALLER_ID (DISPLAY)",
                reason(Channel.CALLER_ID, "x1|13800138000|13912345678|C1|PLAY|20240214201503"));
        assertEquals("UNKNOWN_EVENT: 'ORDER_1#' is not valid for OUTBOUND_12530 (VIDEO_SHOWN, N#)",
                reason(Channel.OUTBOUND_12530, "x1|13800138000|13912345678|C1|ORDER_1#|20240214201503"));
    }

    @Test
    void anUnknownEventThatMightBeAPhoneNumberIsNotQuoted() {
        assertEquals("UNKNOWN_EVENT: (value not shown) is not valid for CRBT (PLAY, ORDER_1#, N#)",
                reason(Channel.CRBT, "x1|13800138000|13912345678|C1|13800138000|20240214201503"));
    }

    @Test
    void idsWithSpacesQuotesSlashesOrTraversalAreBadIds() {
        String rule = "1 to 128 characters of A-Z a-z 0-9 . _ : - without '..'";
        assertEquals("BAD_ID: cdrId must be " + rule, reason(Channel.CRBT, "x 1|13800138000|13912345678|C1|PLAY|20240214201503"));
        assertEquals("BAD_ID: contentCode must be " + rule, reason(Channel.CRBT, "x1|13800138000|13912345678|../etc/passwd|PLAY|20240214201503"));
        assertEquals("BAD_ID: contentCode must be " + rule, reason(Channel.CRBT, "x1|13800138000|13912345678|..|PLAY|20240214201503"));
        assertEquals("BAD_ID: contentCode must be " + rule, reason(Channel.CRBT, "x1|13800138000|13912345678|C\"1|PLAY|20240214201503"));
        assertEquals("BAD_ID: cdrId must be " + rule, reason(Channel.CRBT, "x".repeat(129) + "|13800138000|13912345678|C1|PLAY|20240214201503"));
        assertEquals("cdr:2024.02-14_x", one(Channel.CRBT, "cdr:2024.02-14_x|13800138000|13912345678|C1|PLAY|20240214201503").event().eventId());
        assertEquals("x".repeat(128), one(Channel.CRBT, "x".repeat(128) + "|13800138000|13912345678|C1|PLAY|20240214201503").event().eventId());
    }

    @Test
    void anIdThatIsAPhoneNumberIsABadIdSoNoRawNumberReachesKafka() {
        assertEquals("BAD_ID: cdrId must not be a phone number",
                reason(Channel.CRBT, "13800138000|13800138000|13912345678|C1|PLAY|20240214201503"));
        assertEquals("BAD_ID: contentCode must not be a phone number",
                reason(Channel.CRBT, "x1|13800138000|13912345678|86-138-0013-8000|PLAY|20240214201503"));
        assertEquals("600927020000006645",
                one(Channel.CRBT, "x1|13800138000|13912345678|600927020000006645|PLAY|20240214201503").event().entityId());
    }

    @Test
    void malformedOrImpossibleTimesAreBadTimestamps() {
        assertEquals("BAD_TIMESTAMP: time must be yyyyMMddHHmmss (14 digits, Asia/Shanghai local time)",
                reason(Channel.CRBT, "x1|13800138000|13912345678|C1|PLAY|2024-02-14 20:15:03"));
        assertEquals("BAD_TIMESTAMP: time must be yyyyMMddHHmmss (14 digits, Asia/Shanghai local time)",
                reason(Channel.CRBT, "x1|13800138000|13912345678|C1|PLAY|202402142015"));
        assertEquals("BAD_TIMESTAMP: time is not a real calendar date and time",
                reason(Channel.CRBT, "x1|13800138000|13912345678|C1|PLAY|20240230201503"));
        assertEquals("BAD_TIMESTAMP: time is not a real calendar date and time",
                reason(Channel.CRBT, "x1|13800138000|13912345678|C1|PLAY|20240214246000"));
    }

    @Test
    void timesBefore2000AreBadTimestamps() {
        assertEquals("BAD_TIMESTAMP: time is before 2000-01-01",
                reason(Channel.CRBT, "x1|13800138000|13912345678|C1|PLAY|19991231235959"));
        assertEquals("2000-01-01T00:00:00+08:00",
                one(Channel.CRBT, "x1|13800138000|13912345678|C1|PLAY|20000101000000").event().occurredAt());
    }

    @Test
    void timesMoreThanFiveMinutesAfterNowAreFutureEvents() {
        assertEquals("2024-02-14T21:05:00+08:00",
                one(Channel.CRBT, "x1|13800138000|13912345678|C1|PLAY|20240214210500").event().occurredAt());
        assertEquals("FUTURE_EVENT: occurs more than 5 minutes after now",
                reason(Channel.CRBT, "x1|13800138000|13912345678|C1|PLAY|20240214210501"));
    }

    @Test
    void aPartialBatchAcceptsTheGoodLinesAndReportsTheBadOnesByLineNumber() {
        String body = "# header\n"
                + "ok-1|13800138000|13912345678|C1|PLAY|20240214201503\n"
                + "bad-1|13800138000|13912345678|C1\n"
                + "\n"
                + "bad-2|12345|13912345678|C1|PLAY|20240214201503\n"
                + "ok-2|13912345678|13800138000|C2|N#|20240214201504\n";
        List<RecordResult> results = parser.parse(Channel.CRBT, body, NOW);
        assertEquals(4, results.size());
        assertEquals(List.of(1, 2, 4, 5), results.stream().map(RecordResult::index).toList());
        assertEquals("ok-1", results.get(0).event().eventId());
        assertEquals("MALFORMED_LINE: expected 6 '|'-separated fields, found 4", results.get(1).reason());
        assertEquals("BAD_PHONE: callingMsisdn is not a mainland mobile number", results.get(2).reason());
        assertEquals("ok-2", results.get(3).event().eventId());
    }

    @Test
    void aBodyWithOnlyCommentsAndBlankLinesHasNoRecords() {
        ParseException e = assertThrows(ParseException.class,
                () -> parser.parse(Channel.CRBT, "# nothing today\r\n\r\n   \n", NOW));
        assertEquals("NO_RECORDS: the body has only blank and comment lines", e.getMessage());
        assertEquals("NO_RECORDS", e.code());
    }

    @Test
    void anEmptyBodyIsRefused() {
        assertEquals("EMPTY_BODY: the request body is empty",
                assertThrows(ParseException.class, () -> parser.parse(Channel.CRBT, "", NOW)).getMessage());
        assertEquals("EMPTY_BODY: the request body is empty",
                assertThrows(ParseException.class, () -> parser.parse(Channel.CRBT, null, NOW)).getMessage());
    }

    @Test
    void aJsonBodyOnACdrChannelIsRefused() {
        ParseException e = assertThrows(ParseException.class,
                () -> parser.parse(Channel.CALLER_ID, "[{\"cdrId\":\"x\"}]", NOW));
        assertEquals("NOT_CDR: channel CALLER_ID expects '|'-separated CDR lines "
                + "(cdrId|callingMsisdn|calledMsisdn|contentCode|event|yyyyMMddHHmmss), but the body is JSON",
                e.getMessage());
    }

    @Test
    void aByteOrderMarkAndBareCarriageReturnsAreTolerated() {
        List<RecordResult> results = parser.parse(Channel.CRBT,
                "\uFEFFa1|13800138000|x|C1|PLAY|20240214201503\ra2|13800138000|x|C1|PLAY|20240214201504", NOW);
        assertEquals(List.of("a1", "a2"), results.stream().map(r -> r.event().eventId()).toList());
        assertEquals(List.of(0, 1), results.stream().map(RecordResult::index).toList());
    }

    @Test
    void aNonCdrChannelIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> parser.parse(Channel.MIGU_APP, "x", NOW));
    }
}
