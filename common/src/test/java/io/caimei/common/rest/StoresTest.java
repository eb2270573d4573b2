package io.caimei.common.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/** A store call either answers, or fails fast with a plain exception naming the store. */
class StoresTest {

    private static final Duration SHORT = Duration.ofMillis(200);

    @Test
    void anAnsweringStoreGivesItsResult() {
        assertEquals("ok", Stores.await(Uni.createFrom().item("ok"), SHORT, "Redis"));
    }

    @Test
    void aFailingStoreBecomesStoreUnavailableNamingTheStore() {
        Uni<String> refused = Uni.createFrom().failure(new ConnectException("Connection refused"));
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                () -> Stores.await(refused, SHORT, "PostgreSQL"));
        assertEquals("PostgreSQL", e.store());
        assertTrue(e.getMessage().startsWith("PostgreSQL"));
    }

    @Test
    void aSilentStoreBecomesStoreUnavailableAfterTheTimeout() {
        long start = System.nanoTime();
        assertThrows(StoreUnavailableException.class,
                () -> Stores.await(Uni.createFrom().nothing(), SHORT, "Redis"));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(2)) < 0);
    }

    @Test
    void aProblemDecidedInsideTheCallPassesThroughUnchanged() {
        Problem notFound = new Problem(404, "not-found", "Not found", "no such board");
        Problem thrown = assertThrows(Problem.class,
                () -> Stores.await(Uni.createFrom().failure(notFound), SHORT, "Redis"));
        assertSame(notFound, thrown);
    }

    @Test
    void theUnavailableProblemAsksTheClientToRetry() {
        Problem p = Problems.unavailable("PostgreSQL");
        assertEquals(503, p.status());
        assertEquals(2, p.retryAfterSeconds());
        assertTrue(p.getMessage().contains("PostgreSQL"));
    }
}
