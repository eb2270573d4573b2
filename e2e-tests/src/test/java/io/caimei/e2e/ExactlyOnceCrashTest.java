package io.caimei.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.path.json.JsonPath;

/**
 * Kills the scoring service with SIGKILL in the middle of a stream of tens of thousands of events, starts it
 * again, and finds every count exactly right: nothing lost, nothing counted twice. Also: a second copy of an
 * event in the log (what ingest writes when a client retries a request whose first attempt reached Kafka but never
 * confirmed) is counted once. Year 2016.
 */
@ExtendWith(Stack.class)
class ExactlyOnceCrashTest {

    private static final int ENTITIES = 20;
    private static final int EVENTS = 30_000;

    @Test
    void aSecondCopyOfAnEventInTheLogIsCountedOnceAndTheSameIdForAnotherEntityStillCounts() throws Exception {
        String topic = Stack.topicPrefix() + "caimei.events.v1";
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", Stack.KAFKA);
        p.put("acks", "all");
        p.put("key.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
        p.put("value.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(p)) {
            for (String[] e : new String[][] { { "copy-1", "copy-a" }, { "copy-1", "copy-a" }, { "copy-2", "copy-a" },
                    { "copy-1", "copy-b" }, { "copy-2", "copy-a" }, { "copy-3", "copy-a" } }) {
                io.caimei.events.CanonicalEvent event = new io.caimei.events.CanonicalEvent(e[0], "e2e",
                        io.caimei.events.Channel.MIGU_APP, io.caimei.events.Network.INTERNET,
                        io.caimei.events.Indicator.E5, io.caimei.events.EntityType.CONTENT, e[1], null,
                        "2016-10-10T10:00:00+08:00", "viewer", 1);
                // each copy sent and acknowledged on its own, as two ingest attempts would
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, e[1],
                        json.writeValueAsString(event))).get();
            }
        }
        JsonPath a = Api.awaitExplanation("copy-a", "2016-10-10", j -> j.getLong("raw.E5") >= 3, Duration.ofSeconds(60));
        JsonPath b = Api.awaitExplanation("copy-b", "2016-10-10", j -> j.getLong("raw.E5") >= 1, Duration.ofSeconds(60));
        Api.awaitScorerCaughtUp();
        assertEquals(3, Api.explanation("copy-a", "2016-10-10").getLong("raw.E5"), "copy-1, copy-2, copy-3 once each");
        assertEquals(1, Api.explanation("copy-b", "2016-10-10").getLong("raw.E5"));
        assertEquals(3, a.getLong("raw.E5"));
        assertEquals(1, b.getLong("raw.E5"));
    }

    @Test
    void aScorerKilledMidStreamRestartsAndEveryCountIsExact() throws Exception {
        String at = "2016-09-09T10:00:00+08:00";
        List<Map<String, Object>> events = new ArrayList<>(EVENTS);
        long[] expected = new long[ENTITIES];
        for (int i = 0; i < EVENTS; i++) {
            int entity = (i * 7 + i / 13) % ENTITIES;
            expected[entity]++;
            events.add(Api.event("crash-" + i, "MIGU_APP", "E5", "CONTENT", "crash-" + entity, at, "viewer-" + (i % 50)));
        }
        ExecutorService sender = Executors.newSingleThreadExecutor();
        Future<?> sent = sender.submit(() -> {
            Api.postAll(events);
            return null;
        });
        // let some thousands through, then crash the scorer while the rest keeps arriving
        Api.awaitExplanation("crash-0", "2016-09-09", j -> j.getLong("raw.E5") > 100, Duration.ofSeconds(60));
        Stack.kill("scoring-service");
        Thread.sleep(1500);
        Stack.restart("scoring-service");
        sent.get();
        sender.shutdown();

        for (int e = 0; e < ENTITIES; e++) {
            long want = expected[e];
            JsonPath j = Api.awaitExplanation("crash-" + e, "2016-09-09", x -> x.getLong("raw.E5") >= want,
                    Duration.ofSeconds(90));
            assertEquals(want, j.getLong("raw.E5"), "crash-" + e + " day");
        }
        Thread.sleep(3000); // any double count would show up after the backlog drains
        long total = 0;
        for (int e = 0; e < ENTITIES; e++) {
            for (String period : List.of("2016-09-09", "2016-W36", "2016-09", "2016")) {
                assertEquals(expected[e], Api.explanation("crash-" + e, period).getLong("raw.E5"),
                        "crash-" + e + " " + period);
            }
            total += expected[e];
        }
        assertEquals(EVENTS, total);
        // and the board shows every entity with the score of its exact count
        JsonPath board = Api.awaitBoard("content-heat", "2016-09-09", 20, r -> r.jsonPath().getInt("total") == ENTITIES,
                Duration.ofSeconds(60)).jsonPath();
        for (int i = 0; i < ENTITIES; i++) {
            int e = Integer.parseInt(board.getString("entries[" + i + "].entityId").substring("crash-".length()));
            double want = Expected.playsIndex(expected[e]);
            assertEquals(want, board.getDouble("entries[" + i + "].score"), 1e-9);
        }
    }
}
