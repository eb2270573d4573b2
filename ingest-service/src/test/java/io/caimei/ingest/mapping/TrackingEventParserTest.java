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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class TrackingEventParserTest {

    private final TrackingEventParser parser = new TrackingEventParser(KEYS);

    private static String event(String act) {
        return "{\"eid\":\"e-1\",\"uid\":\"migu_778899\",\"act\":\"" + act
                + "\",\"target\":{\"type\":\"CONTENT\",\"id\":\"VRT000123\"},\"t\":\"2024-02-14T20:15:03+08:00\"}";
    }

    private RecordResult one(String json) {
        List<RecordResult> results = parser.parse(Channel.MIGU_APP, json, NOW);
        assertEquals(1, results.size());
        return results.get(0);
    }

    private String reason(String json) {
        RecordResult r = one(json);
        assertFalse(r.isAccepted(), () -> "expected a rejection, got " + r.event());
        return r.reason();
    }

    @Test
    void aMiguAppArrayOfTrackingEventsBecomesCanonicalEvents() {
        String body = "[{\"eid\":\"app-1\",\"uid\":\"+86 138 0013 8000\",\"act\":\"play\","
                + "\"target\":{\"type\":\"CONTENT\",\"id\":\"VRT000123\"},\"t\":\"2024-02-14T20:15:03+08:00\"},"
                + "{\"eid\":\"app-2\",\"uid\":\"migu_778899\",\"act\":\"unfollow\","
                + "\"target\":{\"type\":\"account\",\"id\":\"acct-42\"},\"t\":\"2024-02-14T12:15Z\",\"extra\":[1,2]}]";
        assertEquals(List.of(
                RecordResult.accepted(0, new CanonicalEvent("app-1", "MIGU_APP", Channel.MIGU_APP, Network.INTERNET,
                        Indicator.E5, EntityType.CONTENT, "VRT000123", null, "2024-02-14T20:15:03+08:00",
                        KEY_13800138000, 1)),
                RecordResult.accepted(1, new CanonicalEvent("app-2", "MIGU_APP", Channel.MIGU_APP, Network.INTERNET,
                        Indicator.E10, EntityType.ACCOUNT, "acct-42", null, "2024-02-14T12:15:00Z",
                        "uid:migu_778899", -1))),
                parser.parse(Channel.MIGU_APP, body, NOW));
    }

    @ParameterizedTest(name = "{0} events carry source and channel {0}")
    @EnumSource(names = {"MIGU_APP", "MINI_PROGRAM", "CMCC_APP_SDK", "H5"})
    void everyInternetChannelIsItsOwnSourceOnTheInternetNetwork(Channel channel) {
        CanonicalEvent e = parser.parse(channel, event("like"), NOW).get(0).event();
        assertEquals(channel.name(), e.source());
        assertEquals(channel, e.channel());
        assertEquals(Network.INTERNET, e.network());
    }

    @ParameterizedTest(name = "act {0} counts as {1} with delta {2}")
    @CsvSource({"play, E5, 1", "like, E6, 1", "share, E7, 1", "comment, E8, 1", "favorite, E9, 1",
        "follow, E10, 1", "unfollow, E10, -1", "publish, E11, 1", "tool_use, E12, 1", "tool_pay, E13, 1",
        "order, E3, 1", "subscribe, E3, 1", "PLAY, E5, 1", "Unfollow, E10, -1"})
    void everyActMapsToItsIndicatorAndDelta(String act, Indicator indicator, int delta) {
        CanonicalEvent e = one(event(act)).event();
        assertEquals(indicator, e.indicator());
        assertEquals(delta, e.delta());
    }

    @ParameterizedTest(name = "target.type {0} is entity type {1}")
    @CsvSource({"CONTENT, CONTENT", "music, MUSIC", "Account, ACCOUNT", "ai_app, AI_APP", "CAMPAIGN, CAMPAIGN"})
    void targetTypesAreEntityTypeNamesInAnyCase(String type, EntityType expected) {
        CanonicalEvent e = one(event("play").replace("\"CONTENT\"", "\"" + type + "\"")).event();
        assertEquals(expected, e.entityType());
    }

    @Test
    void occurredAtKeepsTheOffsetAndAlwaysWritesSeconds() {
        assertEquals("2024-02-14T20:15:00+08:00",
                one(event("play").replace("2024-02-14T20:15:03+08:00", "2024-02-14T20:15+08:00")).event().occurredAt());
        assertEquals("2024-02-14T07:15:03.5-05:00",
                one(event("play").replace("2024-02-14T20:15:03+08:00", "2024-02-14T07:15:03.500-05:00")).event().occurredAt());
    }

    @Test
    void aTimeWithoutOffsetOrNotIsoIsABadTimestamp() {
        assertEquals("BAD_TIMESTAMP: t has no UTC offset (e.g. 2024-02-14T20:15:03+08:00)",
                reason(event("play").replace("2024-02-14T20:15:03+08:00", "2024-02-14T20:15:03")));
        assertEquals("BAD_TIMESTAMP: t is not an ISO-8601 date-time with offset (e.g. 2024-02-14T20:15:03+08:00)",
                reason(event("play").replace("2024-02-14T20:15:03+08:00", "14/02/2024 20:15")));
        assertEquals("BAD_TIMESTAMP: t is not an ISO-8601 date-time with offset (e.g. 2024-02-14T20:15:03+08:00)",
                reason(event("play").replace("2024-02-14T20:15:03+08:00", "2024-02-30T20:15:03+08:00")));
        assertEquals("BAD_TIMESTAMP: t is before 2000-01-01",
                reason(event("play").replace("2024-02-14T20:15:03+08:00", "1999-12-31T15:59:59Z")));
        assertEquals("FUTURE_EVENT: occurs more than 5 minutes after now",
                reason(event("play").replace("2024-02-14T20:15:03+08:00", "2024-02-14T13:05:01Z")));
        assertEquals("2024-02-14T13:05:00Z",
                one(event("play").replace("2024-02-14T20:15:03+08:00", "2024-02-14T13:05:00Z")).event().occurredAt());
    }

    @Test
    void everyMissingFieldIsNamed() {
        assertEquals("MISSING_FIELD: eid", reason(event("play").replace("\"eid\":\"e-1\",", "")));
        assertEquals("MISSING_FIELD: uid", reason(event("play").replace("\"migu_778899\"", "\" \"")));
        assertEquals("MISSING_FIELD: act", reason(event("play").replace("\"act\":\"play\",", "")));
        assertEquals("MISSING_FIELD: target", reason(event("play").replace("{\"type\":\"CONTENT\",\"id\":\"VRT000123\"}", "null")));
        assertEquals("MISSING_FIELD: target.type", reason(event("play").replace("\"type\":\"CONTENT\",", "")));
        assertEquals("MISSING_FIELD: target.id", reason(event("play").replace(",\"id\":\"VRT000123\"", "")));
        assertEquals("MISSING_FIELD: t", reason(event("play").replace(",\"t\":\"2024-02-14T20:15:03+08:00\"", "")));
    }

    @Test
    void wrongJsonTypesAreBadFieldsNamingTheField() {
        assertEquals("BAD_FIELD: eid must be a string, found number", reason(event("play").replace("\"e-1\"", "17")));
        assertEquals("BAD_FIELD: uid must be a string, found number",
                reason(event("play").replace("\"migu_778899\"", "13800138000")));
        assertEquals("BAD_FIELD: act must be a string, found array", reason(event("play").replace("\"play\"", "[\"play\"]")));
        assertEquals("BAD_FIELD: target must be an object, found string",
                reason(event("play").replace("{\"type\":\"CONTENT\",\"id\":\"VRT000123\"}", "\"CONTENT:VRT000123\"")));
        assertEquals("BAD_FIELD: target.id must be a string, found number", reason(event("play").replace("\"VRT000123\"", "123")));
        assertEquals("BAD_FIELD: t must be a string, found number",
                reason(event("play").replace("\"2024-02-14T20:15:03+08:00\"", "1707912903000")));
    }

    @Test
    void anUnknownTargetTypeIsABadFieldListingTheEntityTypes() {
        assertEquals("BAD_FIELD: target.type 'FOO' is not one of CONTENT, MUSIC, ACCOUNT, AI_APP, CAMPAIGN",
                reason(event("play").replace("\"CONTENT\"", "\"FOO\"")));
    }

    @Test
    void anUnknownActIsAnUnknownAction() {
        assertEquals("UNKNOWN_ACTION: 'dance' is not one of play, like, share, comment, favorite, follow, unfollow, "
                + "publish, subscribe, order, tool_use, tool_pay", reason(event("dance")));
    }

    @Test
    void aUidWithSpacesOrControlsIsABadFieldThatDoesNotQuoteIt() {
        assertEquals("BAD_FIELD: uid must be a phone number or 1 to 128 visible ASCII characters without spaces",
                reason(event("play").replace("\"migu_778899\"", "\"john smith\"")));
        assertEquals("BAD_FIELD: uid must be a phone number or 1 to 128 visible ASCII characters without spaces",
                reason(event("play").replace("\"migu_778899\"", "\"a\\nb\"")));
    }

    @Test
    void aUidThatIsAForeignPhoneNumberIsHashedNotStored() {
        String key = one(event("play").replace("\"migu_778899\"", "\"+1 415 555 0100\"")).event().userKey();
        assertEquals("p:70ad654fc74631dbeed9a408064a9846dbb1a91b9a980eba17a82a3a4d0322c1", key);
    }

    @Test
    void badIdsAreRejected() {
        String rule = "must be 1 to 128 characters of A-Z a-z 0-9 . _ : - without '..'";
        assertEquals("BAD_ID: eid " + rule, reason(event("play").replace("\"e-1\"", "\"e|1\"")));
        assertEquals("BAD_ID: target.id " + rule, reason(event("play").replace("\"VRT000123\"", "\"../../admin\"")));
        assertEquals("BAD_ID: target.id " + rule, reason(event("play").replace("\"VRT000123\"", "\"内容1\"")));
    }

    @Test
    void anArrayElementThatIsNotAnObjectIsMalformedAndTheOthersStillCount() {
        List<RecordResult> results = parser.parse(Channel.H5, "[" + event("play") + ", 42, \"x\", " + event("like") + "]", NOW);
        assertEquals(4, results.size());
        assertEquals(Indicator.E5, results.get(0).event().indicator());
        assertEquals(RecordResult.rejected(1, "MALFORMED_RECORD: expected a JSON object, found number"), results.get(1));
        assertEquals(RecordResult.rejected(2, "MALFORMED_RECORD: expected a JSON object, found string"), results.get(2));
        assertEquals(Indicator.E6, results.get(3).event().indicator());
    }

    @Test
    void aBrokenNdjsonLineIsRejectedByLineNumberAndTheOthersStillCount() {
        String body = event("play") + "\n{\"eid\": \"e-2\", \"uid\":\n\n" + event("share") + "\n";
        List<RecordResult> results = parser.parse(Channel.MINI_PROGRAM, body, NOW);
        assertEquals(List.of(0, 1, 3), results.stream().map(RecordResult::index).toList());
        assertEquals("MALFORMED_RECORD: the line is not valid JSON (error at column 22)", results.get(1).reason());
        assertEquals(Indicator.E7, results.get(2).event().indicator());
    }

    @Test
    void aCdrChannelIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> parser.parse(Channel.CRBT, event("play"), NOW));
    }

    @Test
    void theActTableIsExactlyTheDesignOne() {
        assertEquals(12, TrackingEventParser.actions().size());
        assertEquals(new TrackingEventParser.Action(Indicator.E10, -1), TrackingEventParser.actions().get("unfollow"));
        assertEquals(new TrackingEventParser.Action(Indicator.E3, 1), TrackingEventParser.actions().get("subscribe"));
    }
}
