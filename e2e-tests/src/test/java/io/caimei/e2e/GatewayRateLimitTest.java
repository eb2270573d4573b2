package io.caimei.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.response.Response;

/** Per-client budgets: the e2e gateway gives advertisers 20 requests a second (see {@link Stack}). */
@ExtendWith(Stack.class)
class GatewayRateLimitTest {

    private static final int ADVERTISER_BUDGET = 20;

    private static Response boards(String token) {
        return given().baseUri(Stack.gateway()).auth().oauth2(token).get("/api/v1/boards");
    }

    /** Waits until the start of a fresh second, so the whole burst lands in one budget window. */
    private static void atTheStartOfASecond() throws InterruptedException {
        long ms = System.currentTimeMillis() % 1000;
        Thread.sleep(1000 - ms + 20);
    }

    @Test
    void aBurstOverTheAdvertiserBudgetIsAnswered429WithRetryAfterAndTheBudgetRecoversAfterASecond()
            throws Exception {
        // its own advertiser, so other tests' advertiser calls never share this budget
        String token = Tokens.user("tourism-advertiser");
        assertEquals(200, boards(token).statusCode());
        int burst = ADVERTISER_BUDGET * 4;
        List<Response> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        long firstSecond;
        long lastSecond;
        try {
            atTheStartOfASecond();
            firstSecond = System.currentTimeMillis() / 1000;
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                calls.add(() -> boards(token));
            }
            for (Future<Response> f : pool.invokeAll(calls)) {
                answers.add(f.get());
            }
            lastSecond = System.currentTimeMillis() / 1000;
        } finally {
            pool.shutdownNow();
        }
        long ok = answers.stream().filter(r -> r.statusCode() == 200).count();
        List<Response> limited = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertEquals(burst, ok + limited.size(), "only 200 and 429 expected");
        long seconds = lastSecond - firstSecond + 1;
        assertTrue(ok >= 1 && ok <= seconds * ADVERTISER_BUDGET, "at most the budget of each second the burst spans ("
                + seconds + ") is let through, got " + ok);
        assertTrue(!limited.isEmpty(), "the burst must be limited; " + burst + " calls in " + seconds
                + " s gave " + limited.size() + " 429s");
        Response r = limited.get(0);
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        int retryAfter = Integer.parseInt(r.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
        assertEquals(429, r.jsonPath().getInt("status"));
        assertEquals("https://caimei.io/problems/rate-limited", r.jsonPath().getString("type"));
        assertTrue(r.jsonPath().getString("title").length() > 0);
        assertTrue(r.jsonPath().getString("detail").length() > 0);

        Thread.sleep(retryAfter * 1000L + 100);
        atTheStartOfASecond();
        for (int i = 0; i < ADVERTISER_BUDGET / 2; i++) {
            Response again = boards(token);
            assertEquals(200, again.statusCode(), "the budget recovers after a second: " + again.asString());
        }
    }

    @Test
    void anotherClientKeepsItsOwnBudgetWhileOneAdvertiserIsLimited() throws Exception {
        String advertiser = Tokens.user("tourism-advertiser");
        String analyst = Tokens.user("analyst");
        List<Callable<Response>> calls = new ArrayList<>();
        List<Boolean> byAnalyst = new ArrayList<>();
        for (int i = 0; i < ADVERTISER_BUDGET * 4; i++) {
            calls.add(() -> boards(advertiser));
            byAnalyst.add(false);
            if (i % 8 == 0) {
                calls.add(() -> boards(analyst));
                byAnalyst.add(true);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Response> answers = new ArrayList<>();
        try {
            atTheStartOfASecond();
            for (Future<Response> f : pool.invokeAll(calls)) {
                answers.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        long advertiserLimited = 0;
        for (int i = 0; i < answers.size(); i++) {
            int status = answers.get(i).statusCode();
            if (byAnalyst.get(i)) {
                assertEquals(200, status, "the analyst's calls in the same seconds have their own budget");
            } else {
                assertTrue(status == 200 || status == 429, "status " + status);
                advertiserLimited += status == 429 ? 1 : 0;
            }
        }
        assertTrue(advertiserLimited > 0, "the advertiser's burst is limited");
    }
}
