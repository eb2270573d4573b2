package io.caimei.scoring.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.caimei.events.CanonicalEvent;
import io.caimei.events.Channel;
import io.caimei.events.EntityType;
import io.caimei.events.Indicator;
import io.caimei.scoring.repository.AggregateRepository;
import io.quarkus.test.junit.QuarkusTest;

/** Second copies of an event in the log, recognised against the real Redis across batches and within one. */
@QuarkusTest
class LogDedupeTest {

    @Inject
    LogDedupe dedupe;

    @Inject
    AggregateRepository aggregates;

    private static CanonicalEvent play(String eventId, String entity) {
        return new CanonicalEvent(eventId, "test", Channel.MIGU_APP, Channel.MIGU_APP.network(), Indicator.E5,
                EntityType.CONTENT, entity, null, "2024-02-14T10:00:00+08:00", "u", 1);
    }

    @Test
    void theSameEventForAnotherEntityOrFromAnotherSourceIsNotACopy() {
        String a = LogDedupe.id(play("ev-1", "song-a"));
        assertEquals(a, LogDedupe.id(play("ev-1", "song-a")));
        assertNotEquals(a, LogDedupe.id(play("ev-1", "song-b")), "fan-out copies for other entities count");
        assertNotEquals(a, LogDedupe.id(new CanonicalEvent("ev-1", "other", Channel.MIGU_APP, Channel.MIGU_APP.network(),
                Indicator.E5, EntityType.CONTENT, "song-a", null, "2024-02-14T10:00:00+08:00", "u", 1)));
        assertEquals(16, a.length(), "96 bits, base64");
    }

    @Test
    void aCopyInALaterBatchWithinTheWindowIsRecognisedAndOneTwoBucketsLaterIsNot() {
        int p = 2_000_000 + ThreadLocalRandom.current().nextInt(1_000_000);
        String id = LogDedupe.id(play("ev-" + p, "song"));
        long b = dedupe.bucket(1_700_000_000_000L);
        PartitionBatch first = new PartitionBatch(p, aggregates.keys());
        first.covers(0);
        first.remember(b, id);
        assertTrue(aggregates.apply(first));

        assertArrayEquals(new boolean[] { true }, dedupe.copies(p, new long[] { b - 1 }, List.of(id)));
        assertArrayEquals(new boolean[] { true }, dedupe.copies(p, new long[] { b }, List.of(id)));
        assertArrayEquals(new boolean[] { true }, dedupe.copies(p, new long[] { b + 1 }, List.of(id)));
        assertArrayEquals(new boolean[] { false }, dedupe.copies(p, new long[] { b + 2 }, List.of(id)),
                "two buckets later the id is new again");
        assertArrayEquals(new boolean[] { false }, dedupe.copies(p, new long[] { b - 2 }, List.of(id)));
    }

    @Test
    void copiesWithinOneBatchAreRecognisedAndRecordsWithoutIdNeverAre() {
        int p = 3_000_000 + ThreadLocalRandom.current().nextInt(1_000_000);
        String x = LogDedupe.id(play("x-" + p, "song"));
        String y = LogDedupe.id(play("y-" + p, "song"));
        long b = 42;
        boolean[] copies = dedupe.copies(p, new long[] { b, b, b, b, b + 3, b },
                Arrays.asList(x, y, x, null, x, null));
        assertArrayEquals(new boolean[] { false, false, true, false, false, false }, copies);
    }
}
