package io.caimei.ingest.mapping;

import static io.caimei.ingest.mapping.Fixtures.KEYS;
import static io.caimei.ingest.mapping.Fixtures.KEY_13800138000;
import static io.caimei.ingest.mapping.Fixtures.MILLIS_201503;
import static io.caimei.ingest.mapping.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.caimei.events.Channel;
import io.caimei.events.Indicator;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NativeFormatsTest {

    private final NativeFormats formats = new NativeFormats(KEYS);

    private static final String CRBT_LINE = "cdr-1|+86 138-0013-8000|13912345678|VRT000123|PLAY|20240214201503";
    private static final String FIVE_G = "{\"messageId\":\"m-1\",\"msisdn\":\"8613800138000\",\"contentId\":\"VRT000123\","
            + "\"status\":\"CLICKED\",\"timestamp\":" + MILLIS_201503 + "}";
    private static final String TRACKING = "{\"eid\":\"app-1\",\"uid\":\"+86 138 0013 8000\",\"act\":\"share\","
            + "\"target\":{\"type\":\"CONTENT\",\"id\":\"VRT000123\"},\"t\":\"2024-02-14T20:15:03+08:00\"}";

    @Test
    void eachChannelGetsItsOwnParser() {
        assertEquals(Indicator.E1, formats.parse(Channel.CRBT, CRBT_LINE, NOW).get(0).event().indicator());
        assertEquals(Indicator.E4, formats.parse(Channel.MSG_5G, FIVE_G, NOW).get(0).event().indicator());
        assertEquals(Indicator.E7, formats.parse(Channel.CMCC_APP_SDK, TRACKING, NOW).get(0).event().indicator());
    }

    @Test
    void theSamePersonViaACdrMsisdnA5gMsisdnAndAnInternetUidIsTheSameUser() {
        assertEquals(KEY_13800138000, formats.parse(Channel.CRBT, CRBT_LINE, NOW).get(0).event().userKey());
        assertEquals(KEY_13800138000, formats.parse(Channel.MSG_5G, FIVE_G, NOW).get(0).event().userKey());
        assertEquals(KEY_13800138000, formats.parse(Channel.MIGU_APP, TRACKING, NOW).get(0).event().userKey());
    }

    @Test
    void noAcceptedEventAndNoReasonEverContainsTheDigitsOfAPhoneNumber() {
        List<RecordResult> all = new ArrayList<>();
        all.addAll(formats.parse(Channel.CRBT, CRBT_LINE + "\n"
                + "c2|13800138000|x|C1|13800138000|20240214201503\n"
                + "c3|1380013800|x|C1|PLAY|20240214201503\n"
                + "13800138000|13800138000|x|C1|PLAY|20240214201503\n"
                + "c5|13800138000|x|13800138000 |PLAY|20240214201503\n"
                + "c6|13800138000|x|C1|PLAY|13800138000\n", NOW));
        all.addAll(formats.parse(Channel.MSG_5G, FIVE_G + "\n"
                + FIVE_G.replace("\"CLICKED\"", "\"13800138000\"") + "\n"
                + FIVE_G.replace("\"8613800138000\"", "\"+852 13800138000\"") + "\n"
                + FIVE_G.replace("\"8613800138000\"", "13800138000") + "\n"
                + "{\"messageId\":\"m\",\"msisdn\": 13800138000 oops\n", NOW));
        all.addAll(formats.parse(Channel.H5, TRACKING + "\n"
                + TRACKING.replace("\"share\"", "\"13800138000\"") + "\n"
                + TRACKING.replace("\"CONTENT\"", "\"138-0013-8000\"") + "\n"
                + TRACKING.replace("2024-02-14T20:15:03+08:00", "13800138000") + "\n"
                + TRACKING.replace("\"+86 138 0013 8000\"", "\"138 0013 8000 x\"") + "\n", NOW));
        Pattern digits = Pattern.compile("13800138000|0013|8000");
        assertEquals(16, all.size());
        for (RecordResult r : all) {
            String text = r.isAccepted() ? r.event().toString() : r.reason();
            assertFalse(digits.matcher(text.replace("20240214", "")).find(), text);
        }
        assertEquals(3, all.stream().filter(RecordResult::isAccepted).count());
        assertEquals("BAD_ID: cdrId must not be a phone number", all.get(3).reason());
        assertEquals("BAD_ID: contentCode must not be a phone number", all.get(4).reason());
    }

    @Test
    void aPartialBatchAcceptsTheGoodRecordsAndReportsEachBadOneByIndex() {
        String body = "[" + TRACKING + ","
                + TRACKING.replace("\"app-1\"", "\"app-2\"").replace("\"share\"", "\"dance\"") + ","
                + TRACKING.replace("\"app-1\"", "\"app-3\"") + ","
                + TRACKING.replace("\"app-1\"", "\"app-4\"").replace("\"CONTENT\"", "\"FOO\"") + "]";
        List<RecordResult> results = formats.parse(Channel.MIGU_APP, body, NOW);
        assertEquals(List.of(0, 1, 2, 3), results.stream().map(RecordResult::index).toList());
        assertEquals(List.of(true, false, true, false), results.stream().map(RecordResult::isAccepted).toList());
        assertEquals("UNKNOWN_ACTION", results.get(1).code());
        assertEquals("BAD_FIELD: target.type 'FOO' is not one of CONTENT, MUSIC, ACCOUNT, AI_APP, CAMPAIGN",
                results.get(3).reason());
    }

    @ParameterizedTest(name = "{0}: an empty body is refused")
    @EnumSource(Channel.class)
    void anEmptyBodyIsRefusedOnEveryChannel(Channel channel) {
        ParseException e = assertThrows(ParseException.class, () -> formats.parse(channel, " \r\n ", NOW));
        assertEquals("EMPTY_BODY: the request body is empty", e.getMessage());
        assertEquals(ParseException.EMPTY_BODY, e.code());
    }

    @ParameterizedTest(name = "{0}: a CDR body is not JSON")
    @EnumSource(names = {"MSG_5G", "MIGU_APP", "MINI_PROGRAM", "CMCC_APP_SDK", "H5"})
    void aNonJsonBodyOnAJsonChannelIsRefused(Channel channel) {
        ParseException e = assertThrows(ParseException.class, () -> formats.parse(channel, CRBT_LINE + "\n" + CRBT_LINE, NOW));
        assertEquals(ParseException.NOT_JSON, e.code());
        assertFalse(e.getMessage().contains("0013"));
    }

    @Test
    void aBrokenJsonArrayIsRefusedWithItsPosition() {
        ParseException e = assertThrows(ParseException.class,
                () -> formats.parse(Channel.H5, "[" + TRACKING + ",\n {\"eid\": }]", NOW));
        assertEquals("NOT_JSON: the body starts with '[' but is not a valid JSON array (error at line 2, column 10); "
                + "channel H5 expects a JSON array or newline-delimited JSON objects {eid, uid, act, target: {type, id}, t}",
                e.getMessage());
    }

    @Test
    void jsonThatHoldsNoObjectHasNoRecords() {
        ParseException e = assertThrows(ParseException.class, () -> formats.parse(Channel.H5, "42\n\"x\"", NOW));
        assertEquals("NO_RECORDS: no line of the body is a JSON object; channel H5 expects a JSON array or "
                + "newline-delimited JSON objects {eid, uid, act, target: {type, id}, t}", e.getMessage());
    }

    @Test
    void canonicalEventsGoThroughTheValidator() {
        String body = "[{\"eventId\":\"x-1\",\"source\":\"CRBT\",\"channel\":\"CRBT\",\"indicator\":\"E3\","
                + "\"entityType\":\"CONTENT\",\"entityId\":\"VRT000123\",\"occurredAt\":\"2024-02-14T20:15:03+08:00\","
                + "\"userKey\":\"13800138000\"}]";
        RecordResult r = formats.parseCanonical(body, NOW).get(0);
        assertEquals(KEY_13800138000, r.event().userKey());
        assertEquals(Indicator.E3, r.event().indicator());
    }
}
