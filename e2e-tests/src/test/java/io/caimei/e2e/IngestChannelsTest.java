package io.caimei.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Native channel payloads through the gateway: mapping, dedupe, partial batches, attribution, pseudonyms. Year 2018. */
@ExtendWith(Stack.class)
class IngestChannelsTest {

    static final String CDR = String.join("\r\n",
            "# CRBT export 2018-03-03",
            "cdr-1|+86 138-0013-8000|13900139000|ing-cdr|PLAY|20180303101500   ",
            "cdr-2|8613800138000|13900139001|ing-cdr|PLAY|20180303101600",
            "cdr-3|13800138000|13900139002|ing-cdr|ORDER_1#|20180303101700",
            "",
            "cdr-4|13700137000|13900139003|ing-cdr|N#|20180303101800",
            "cdr-5|12345|13900139003|ing-cdr|PLAY|20180303101900",
            "cdr-6|13700137000|13900139003|ing-cdr|DANCE|20180303102000") + "\r\n";

    private static Response post(String channel, String type, String body) {
        return given().baseUri(Stack.gateway()).auth().oauth2(Tokens.channels()).contentType(type)
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/channels/{c}/events", channel);
    }

    @Test
    void cdrLinesAreCountedAsTheirIndicatorsAndTheSameCallerInThreeSpellingsIsOneUser() throws Exception {
        JsonPath first = post("CRBT", "text/plain; charset=utf-8", CDR).then().statusCode(202).extract().jsonPath();
        assertEquals(4, first.getInt("accepted"));
        assertEquals(0, first.getInt("duplicates"));
        assertEquals(List.of(6, 7), first.getList("rejected.index"));
        assertTrue(first.getString("rejected[0].reason").startsWith("BAD_PHONE"), first.getString("rejected[0].reason"));
        assertTrue(first.getString("rejected[1].reason").startsWith("UNKNOWN_EVENT"));

        JsonPath e = Api.awaitExplanation("ing-cdr", "2018-03-03", j -> j.getLong("raw.E4") == 1,
                Duration.ofSeconds(60));
        assertEquals(2L, e.getLong("raw.E1"));
        assertEquals(1L, e.getLong("raw.E2"), "+86 138-0013-8000 and 8613800138000 are one person");
        assertEquals(1L, e.getLong("raw.E3"));

        JsonPath again = post("CRBT", "text/plain", CDR).then().statusCode(202).extract().jsonPath();
        assertEquals(0, again.getInt("accepted"));
        assertEquals(4, again.getInt("duplicates"));
        Thread.sleep(2000);
        JsonPath unchanged = Api.explanation("ing-cdr", "2018-03-03");
        assertEquals(2L, unchanged.getLong("raw.E1"));
        assertEquals(1L, unchanged.getLong("raw.E3"));
    }

    @Test
    void callerIdCountsTheCalledPartyAndFiveGMessagesCountDisplaysAndClicks() throws Exception {
        String callerId = "cid-1|13800000001|13911112222|ing-cid|DISPLAY|20180404090000\n"
                + "cid-2|13800000002|139-1111-2222|ing-cid|DISPLAY|20180404090100\n";
        post("CALLER_ID", "text/plain", callerId).then().statusCode(202).body("accepted", Matchers.equalTo(2));
        JsonPath cid = Api.awaitExplanation("ing-cid", "2018-04-04", j -> j.getLong("raw.E1") == 2,
                Duration.ofSeconds(60));
        assertEquals(1L, cid.getLong("raw.E2"), "two callers, one called party: one exposed person");

        long t = java.time.OffsetDateTime.parse("2018-04-04T12:00:00+08:00").toInstant().toEpochMilli();
        String fiveG = "[{\"messageId\":\"m-1\",\"msisdn\":\"+8613800138000\",\"contentId\":\"ing-5g\",\"status\":\"DISPLAYED\",\"timestamp\":" + t + "},"
                + "{\"messageId\":\"m-2\",\"msisdn\":\"13800138001\",\"contentId\":\"ing-5g\",\"status\":\"DISPLAYED\",\"timestamp\":" + t + "},"
                + "{\"messageId\":\"m-3\",\"msisdn\":\"13800138001\",\"contentId\":\"ing-5g\",\"status\":\"CLICKED\",\"timestamp\":" + t + "},"
                + "{\"messageId\":\"m-4\",\"msisdn\":\"13800138001\",\"contentId\":\"ing-5g\",\"status\":\"READ\",\"timestamp\":" + t + "}]";
        JsonPath r = post("MSG_5G", "application/json", fiveG).then().statusCode(202).extract().jsonPath();
        assertEquals(3, r.getInt("accepted"));
        assertEquals(List.of(3), r.getList("rejected.index"));
        JsonPath g = Api.awaitExplanation("ing-5g", "2018-04-04", j -> j.getLong("raw.E4") == 1, Duration.ofSeconds(60));
        assertEquals(2L, g.getLong("raw.E1"));
        assertEquals(2L, g.getLong("raw.E2"));
    }

    @Test
    void internetTrackingEventsMapEveryActionAndUnfollowsNetOut() throws Exception {
        String at = "2018-05-05T20:00:00+08:00";
        StringBuilder nd = new StringBuilder();
        String[][] acts = { { "play", "CONTENT", "ing-net" }, { "play", "CONTENT", "ing-net" }, { "like", "CONTENT", "ing-net" },
                { "share", "CONTENT", "ing-net" }, { "comment", "CONTENT", "ing-net" }, { "favorite", "CONTENT", "ing-net" },
                { "order", "CONTENT", "ing-net" }, { "follow", "ACCOUNT", "ing-acc" }, { "follow", "ACCOUNT", "ing-acc" },
                { "unfollow", "ACCOUNT", "ing-acc" }, { "subscribe", "ACCOUNT", "ing-acc" }, { "publish", "AI_APP", "ing-ai" },
                { "tool_use", "AI_APP", "ing-ai" }, { "tool_pay", "AI_APP", "ing-ai" }, { "tool_pay", "AI_APP", "ing-ai" } };
        for (int i = 0; i < acts.length; i++) {
            String uid = i == 14 ? "+86 138 0013 8000" : i == 13 ? "13800138000" : "user-" + i;
            nd.append("{\"eid\":\"net-").append(i).append("\",\"uid\":\"").append(uid).append("\",\"act\":\"")
                    .append(acts[i][0]).append("\",\"target\":{\"type\":\"").append(acts[i][1]).append("\",\"id\":\"")
                    .append(acts[i][2]).append("\"},\"t\":\"").append(at).append("\"}\n");
        }
        nd.append("{\"eid\":\"net-bad\",\"uid\":\"u\",\"act\":\"dance\",\"target\":{\"type\":\"CONTENT\",\"id\":\"ing-net\"},\"t\":\"").append(at).append("\"}\n");
        JsonPath r = post("MIGU_APP", "application/x-ndjson", nd.toString()).then().statusCode(202).extract().jsonPath();
        assertEquals(15, r.getInt("accepted"));
        assertTrue(r.getString("rejected[0].reason").startsWith("UNKNOWN_ACTION"));

        JsonPath net = Api.awaitExplanation("ing-net", "2018-05-05", j -> j.getLong("raw.E3") == 1, Duration.ofSeconds(60));
        assertEquals(List.of(2L, 1L, 1L, 1L, 1L), List.of(net.getLong("raw.E5"), net.getLong("raw.E6"),
                net.getLong("raw.E7"), net.getLong("raw.E8"), net.getLong("raw.E9")));
        JsonPath acc = Api.awaitExplanation("ing-acc", "2018-05-05", j -> j.getLong("raw.E3") == 1, Duration.ofSeconds(60));
        assertEquals(1L, acc.getLong("raw.E10"), "two follows and one unfollow net to 1");
        JsonPath ai = Api.awaitExplanation("ing-ai", "2018-05-05", j -> j.getLong("raw.E12") == 1, Duration.ofSeconds(60));
        assertEquals(1L, ai.getLong("raw.E11"));
        assertEquals(1L, ai.getLong("raw.E13"), "two payments by one phone number in two spellings: one paying user");
    }

    @Test
    void anEventOnAContentAlsoCountsForItsMusicAccountAndCampaigns() throws Exception {
        Api.putCatalog(List.of(
                Map.of("id", "att-music", "type", "MUSIC", "name", "《稻香》 周杰伦"),
                Map.of("id", "att-acc", "type", "ACCOUNT", "kind", "SHICAI", "name", "锦里"),
                Map.of("id", "att-camp", "type", "CAMPAIGN", "category", "MUSIC", "owner", "adv-brand", "name", "《its love》 张碧晨"),
                Map.of("id", "att-content", "type", "CONTENT", "name", "《故事里的风景》", "musicId", "att-music",
                        "accountId", "att-acc", "campaignIds", List.of("att-camp"))));
        Thread.sleep(3500); // ingest refreshes attribution links every second in the test stack
        String at = "2018-06-06T20:00:00+08:00";
        List<Map<String, Object>> events = new ArrayList<>(Api.repeat("att-play", 3, "MIGU_APP", "E5", "CONTENT",
                "att-content", at, 1000));
        events.addAll(Api.repeat("att-order", 2, "CRBT", "E3", "CONTENT", "att-content", at, 1000));
        JsonPath r = given().baseUri(Stack.gateway()).auth().oauth2(Tokens.channels()).contentType(ContentType.JSON)
                .body(events).post("/api/v1/events").then().statusCode(202).extract().jsonPath();
        assertEquals(5, r.getInt("accepted"));
        assertEquals(15, r.getInt("attributed"));
        for (String id : List.of("att-content", "att-music", "att-acc", "att-camp")) {
            JsonPath e = Api.awaitExplanation(id, "2018-06-06", j -> j.getLong("raw.E3") == 2, Duration.ofSeconds(60));
            assertEquals(3L, e.getLong("raw.E5"), id);
        }
        JsonPath board = Api.awaitBoard("shicai-accounts", "2018-06-06", 20, p -> p.jsonPath().getInt("total") == 1,
                Duration.ofSeconds(30)).jsonPath();
        assertEquals("锦里", board.getString("entries[0].name"));
    }

    @Test
    void badRequestsGetPreciseProblems() {
        post("CRBT", "application/json", "[]").then().statusCode(415).contentType("application/problem+json");
        post("FAX", "text/plain", "x").then().statusCode(404).contentType("application/problem+json");
        post("MIGU_APP", "application/json", "{not json").then().statusCode(400)
                .contentType("application/problem+json").body("detail", Matchers.startsWith("NOT_JSON"));
        post("CRBT", "text/plain", "# only a comment\n\n").then().statusCode(400).body("detail",
                Matchers.startsWith("NO_RECORDS"));
        post("CRBT", "text/plain", "a|b|c\n").then().statusCode(400).body("rejected[0].index", Matchers.equalTo(0))
                .body("rejected[0].reason", Matchers.startsWith("MALFORMED_LINE"));
        String future = "f-1|13800138000|13900139000|ing-x|PLAY|" + java.time.LocalDateTime.now(java.time.ZoneId
                .of("Asia/Shanghai")).plusHours(1).format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        post("CRBT", "text/plain", future).then().statusCode(400).body("rejected[0].reason",
                Matchers.startsWith("FUTURE_EVENT"));
        byte[] big = new byte[10 * 1024 * 1024 + 10];
        java.util.Arrays.fill(big, (byte) 'a');
        given().baseUri(Stack.gateway()).auth().oauth2(Tokens.channels()).contentType("text/plain").body(big)
                .post("/api/v1/channels/CRBT/events").then().statusCode(413);
    }

    @Test
    void noRawPhoneNumberReachesKafkaRedisPostgresOrTheLogs() throws Exception {
        post("CRBT", "text/plain", "pii-1|+86 138-0013-8000|13912345678|ing-pii|PLAY|20180707101500\n"
                + "pii-2|13812345678|+86 139 1234 5679|ing-pii|N#|20180707101600\n"
                + "pii-3|1381234567|13912345678|ing-pii|PLAY|20180707101700\n").then().statusCode(202);
        Api.awaitExplanation("ing-pii", "2018-07-07", j -> j.getLong("raw.E4") == 1, Duration.ofSeconds(60));
        List<String> numbers = List.of("13800138000", "138-0013-8000", "13812345678", "13912345678", "13912345679",
                "1381234567");
        StringBuilder everything = new StringBuilder();
        everything.append(Pii.kafka(Stack.topicPrefix() + "caimei.events.v1"));
        everything.append(Pii.kafka(Stack.topicPrefix() + "caimei.events.dlq.v1"));
        everything.append(Pii.kafka(Stack.topicPrefix() + "caimei.scores.v1"));
        everything.append(Pii.redis("e2e-" + Stack.runId()));
        everything.append(Pii.postgres());
        everything.append(Pii.logs());
        assertTrue(everything.length() > 1000, "the scan read real data");
        for (String n : numbers) {
            assertFalse(everything.toString().contains(n), "raw number " + n.substring(0, 3) + "… found");
        }
        assertTrue(everything.toString().contains("\"userKey\":\"u:"), "pseudonymous keys are there instead");
    }

    /** The user key of each event id in the events topic. */
    static Map<String, String> userKeys() {
        Map<String, String> out = new java.util.HashMap<>();
        for (String line : Pii.kafka(Stack.topicPrefix() + "caimei.events.v1").split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonPath j = JsonPath.from(line.substring(line.indexOf(' ') + 1));
            out.put(j.getString("eventId"), j.getString("userKey"));
        }
        return out;
    }

    @Test
    void aPhoneNumberUidOnTheInternetIsTheSameUserAsTheCallerOnTheTelecomNetwork() throws Exception {
        post("CRBT", "text/plain", "same-cdr|+86 138-0013-8000|13900139000|ing-same|PLAY|20180808101500\n")
                .then().statusCode(202);
        post("H5", "application/json", "[{\"eid\":\"same-h5\",\"uid\":\"138 0013 8000\",\"act\":\"play\","
                + "\"target\":{\"type\":\"CONTENT\",\"id\":\"ing-same\"},\"t\":\"2018-08-08T10:16:00+08:00\"}]")
                .then().statusCode(202);
        Api.awaitExplanation("ing-same", "2018-08-08", j -> j.getLong("raw.E5") == 1, Duration.ofSeconds(60));
        Map<String, String> keys = userKeys();
        assertEquals(keys.get("same-cdr"), keys.get("same-h5"));
        assertTrue(keys.get("same-cdr").startsWith("u:"));
    }
}
