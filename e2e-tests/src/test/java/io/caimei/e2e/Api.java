package io.caimei.e2e;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Calls the public API through the gateway the way a client would. */
public final class Api {

    private Api() {
    }

    /** A canonical event as a JSON-ready map. */
    public static Map<String, Object> event(String id, String channel, String indicator, String type, String entity,
            String at, String user) {
        return Map.of("eventId", id, "source", "e2e", "channel", channel, "indicator", indicator, "entityType", type,
                "entityId", entity, "occurredAt", at, "userKey", user, "delta", 1);
    }

    /** Posts canonical events in batches of 500 with the channels' token; every batch must answer 202. */
    public static void postAll(List<Map<String, Object>> events) {
        for (int from = 0; from < events.size(); from += 500) {
            List<Map<String, Object>> batch = events.subList(from, Math.min(events.size(), from + 500));
            given().baseUri(Stack.gateway()).auth().oauth2(Tokens.channels()).contentType(ContentType.JSON)
                    .body(batch).post("/api/v1/events").then().statusCode(202);
        }
    }

    /** An entity's explanation as an analyst sees it (200 expected). */
    public static io.restassured.path.json.JsonPath explanation(String entity, String period) {
        return given().baseUri(Stack.gateway()).auth().oauth2(Tokens.user("analyst"))
                .get("/api/v1/entities/{e}/periods/{p}/explanation", entity, period)
                .then().statusCode(200).extract().jsonPath();
    }

    /** Polls an explanation until the condition holds (scoring is asynchronous). */
    public static io.restassured.path.json.JsonPath awaitExplanation(String entity, String period,
            Predicate<io.restassured.path.json.JsonPath> until, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            Response r = given().baseUri(Stack.gateway()).auth().oauth2(Tokens.user("analyst"))
                    .get("/api/v1/entities/{e}/periods/{p}/explanation", entity, period);
            last = r.asString();
            if (r.statusCode() == 200 && holds(until, r.jsonPath())) {
                return r.jsonPath();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("explanation of " + entity + " " + period + " never matched; last: " + last);
    }

    /**
     * Closes a period as the admin and waits until the board shows it frozen. First waits until the scorer has
     * applied everything already in Kafka, so no event posted before the close is late for it.
     */
    public static void close(String period, String board) throws InterruptedException {
        awaitScorerCaughtUp();
        given().baseUri(Stack.gateway()).auth().oauth2(Tokens.user("admin"))
                .post("/api/v1/periods/{p}/close", period).then().statusCode(200);
        awaitBoard(board, period, 1, r -> r.jsonPath().getBoolean("closed"), Duration.ofSeconds(30));
    }

    /** Waits until the shared stack's scorer has applied every record of the events topic (applied offsets in Redis). */
    public static void awaitScorerCaughtUp() throws InterruptedException {
        String topic = Stack.topicPrefix() + "caimei.events.v1";
        String keys = Stack.REDIS_PREFIX_BASE + "-" + Stack.runId() + "-scoring-service";
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", Stack.KAFKA);
        p.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(p);
                RedisText redis = new RedisText()) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition())).toList();
            var end = consumer.endOffsets(partitions);
            while (System.nanoTime() < deadline) {
                boolean done = true;
                for (var tp : partitions) {
                    Object applied = redis.call("GET", keys + ":{p" + tp.partition() + "}:off");
                    long next = applied == null ? 0 : Long.parseLong((String) applied) + 1;
                    done &= next >= end.get(tp);
                }
                if (done) {
                    return;
                }
                Thread.sleep(200);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("the scorer did not catch up with " + topic + " within 90 s");
    }

    public static void putCatalog(List<Map<String, Object>> entities) {
        given().baseUri(Stack.gateway()).auth().oauth2(Tokens.user("admin")).contentType(ContentType.JSON)
                .body(entities).post("/api/v1/catalog/entities").then().statusCode(200);
    }

    public static Response board(String user, String board, String period, int offset, int limit) {
        return given().baseUri(Stack.gateway()).auth().oauth2(Tokens.user(user))
                .queryParam("offset", offset).queryParam("limit", limit)
                .get("/api/v1/boards/{b}/periods/{p}", board, period);
    }

    /** Polls a board page until the condition holds (the pipeline is asynchronous), or fails after the timeout. */
    public static Response awaitBoard(String board, String period, int limit, Predicate<Response> until,
            Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Response last = null;
        while (System.nanoTime() < deadline) {
            last = board("analyst", board, period, 0, limit);
            if (last.statusCode() == 200 && holds(until, last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("board " + board + " " + period + " never reached the expected state; last: "
                + (last == null ? "none" : last.asString()));
    }

    /** A condition on a response that is not there yet (e.g. no entries) simply does not hold. */
    private static <T> boolean holds(Predicate<T> until, T value) {
        try {
            return until.test(value);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** {@code n} events of one indicator on one entity, users cycling through {@code users} distinct ids. */
    public static List<Map<String, Object>> repeat(String prefix, int n, String channel, String indicator,
            String type, String entity, String at, int users) {
        List<Map<String, Object>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(event(prefix + "-" + i, channel, indicator, type, entity, at, "viewer-" + (i % users)));
        }
        return out;
    }
}
