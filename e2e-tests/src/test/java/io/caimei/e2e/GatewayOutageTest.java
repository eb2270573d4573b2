package io.caimei.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/**
 * A gateway whose backends are down answers 503 problem+json with Retry-After, quickly, instead of hanging:
 * ranking and ingest on closed ports (connection refused), scoring a black hole that accepts connections and
 * never answers (the per-call timeout must fire). Runs its own gateway process; the stack is not needed.
 */
class GatewayOutageTest {

    private static final int PORT = 18090;
    private static ExtraGateway gateway;
    private static ServerSocket blackHole;
    private static final List<Socket> HELD = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void aGatewayWithEveryBackendDown() throws Exception {
        blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!blackHole.isClosed()) {
                try {
                    HELD.add(blackHole.accept());
                } catch (IOException e) {
                    return;
                }
            }
        }, "black-hole");
        acceptor.setDaemon(true);
        acceptor.start();
        int closed1 = freePort();
        int closed2 = freePort();
        gateway = ExtraGateway.start(PORT, List.of(
                "-Dquarkus.rest-client.ranking.url=http://127.0.0.1:" + closed1,
                "-Dquarkus.rest-client.ingest.url=http://127.0.0.1:" + closed2,
                "-Dquarkus.rest-client.scoring.url=http://127.0.0.1:" + blackHole.getLocalPort()));
    }

    @AfterAll
    static void stopIt() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (blackHole != null) {
            blackHole.close();
        }
        for (Socket s : HELD) {
            s.close();
        }
    }

    /** A port nobody listens on (bound once, then released). */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void assertUnavailable(Response r) {
        assertEquals(503, r.statusCode(), r.asString());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertTrue(Integer.parseInt(r.header("Retry-After")) > 0, "Retry-After " + r.header("Retry-After"));
        assertEquals(503, r.jsonPath().getInt("status"));
        assertTrue(r.jsonPath().getString("type").startsWith("https://caimei.io/problems/"));
        assertTrue(r.jsonPath().getString("title").length() > 0);
        assertTrue(r.jsonPath().getString("detail").length() > 0);
        assertFalse(r.asString().contains("Exception"), r.asString());
    }

    private static Response timed(Duration limit, java.util.function.Supplier<Response> call) {
        long start = System.nanoTime();
        Response r = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(limit) < 0, "answered after " + took + ", limit " + limit);
        return r;
    }

    @Test
    void aBoardRequestWhileTheRankingServiceIsDownIsAnswered503WithRetryAfterWithinSeconds() {
        Response r = timed(Duration.ofSeconds(10), () -> given().baseUri(gateway.url())
                .auth().oauth2(Tokens.user("analyst")).get("/api/v1/boards/content-heat/periods/2024-02-14"));
        assertUnavailable(r);
    }

    @Test
    void anExplanationWhileTheScoringServiceNeverAnswersIsAnswered503WithinTheTimeoutNotAHang() {
        // 5 s per attempt, three attempts: well below the 60 s read timeout a hang would take
        Response r = timed(Duration.ofSeconds(25), () -> given().baseUri(gateway.url())
                .auth().oauth2(Tokens.user("analyst")).get("/api/v1/entities/anything/periods/2024-02-14/explanation"));
        assertUnavailable(r);
    }

    @Test
    void postingEventsWhileTheIngestServiceIsDownIsAnswered503WithRetryAfter() {
        Response r = timed(Duration.ofSeconds(10), () -> given().baseUri(gateway.url())
                .auth().oauth2(Tokens.channels()).contentType("application/json").body("[]").post("/api/v1/events"));
        assertUnavailable(r);
    }

    @Test
    void withoutATokenTheBrokenGatewayStillAnswers401NotA503() {
        Response r = given().baseUri(gateway.url()).get("/api/v1/boards");
        assertEquals(401, r.statusCode());
        assertTrue(r.contentType().startsWith("application/problem+json"));
    }
}
