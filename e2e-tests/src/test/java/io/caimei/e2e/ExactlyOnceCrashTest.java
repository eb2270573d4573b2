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
 * again, and finds every count exactly right: nothing lost, nothing counted twice. Year 2016.
 */
@ExtendWith(Stack.class)
class ExactlyOnceCrashTest {

    private static final int ENTITIES = 20;
    private static final int EVENTS = 30_000;

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
            double want = 10 * Math.pow(0.5 * 0.7 * 0.35 * Math.log1p(expected[e]), 2);
            assertEquals(want, board.getDouble("entries[" + i + "].score"), 1e-9);
        }
    }
}
