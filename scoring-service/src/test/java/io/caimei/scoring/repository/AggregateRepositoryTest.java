package io.caimei.scoring.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.caimei.events.CanonicalEvent;
import io.caimei.events.Channel;
import io.caimei.events.EntityType;
import io.caimei.events.Indicator;
import io.caimei.events.Network;
import io.caimei.scoring.mapping.AggregateId;
import io.caimei.scoring.mapping.EntityKey;
import io.caimei.scoring.mapping.EntityPeriod;
import io.caimei.scoring.service.PartitionBatch;
import io.quarkus.test.junit.QuarkusTest;

/** The per-partition aggregates against the real Redis: exactly-once batches and HyperLogLog accuracy. */
@QuarkusTest
class AggregateRepositoryTest {

    @Inject
    AggregateRepository aggregates;

    @Inject
    ProgressRepository progress;

    @Inject
    DirtyRepository dirty;

    @Inject
    ScoringRedis redis;

    /** A partition number no other test run uses, so runs never see each other's offsets. */
    private static int freshPartition() {
        return 1000 + ThreadLocalRandom.current().nextInt(1_000_000);
    }

    private static CanonicalEvent event(Indicator i, String entity, String user, int delta) {
        Channel channel = i.network() == Network.TELECOM ? Channel.CRBT : Channel.MIGU_APP;
        return new CanonicalEvent("e", "test", channel, channel.network(), i, EntityType.CONTENT, entity, null,
                "2024-02-14T10:00:00+08:00", user, delta);
    }

    private PartitionBatch batch(int partition, long first, long last, List<CanonicalEvent> events) {
        PartitionBatch b = new PartitionBatch(partition, aggregates.keys());
        for (long o = first; o <= last; o++) {
            b.covers(o);
        }
        events.forEach(e -> b.add(e, "2024-02-14", 1_707_876_000_000L));
        return b;
    }

    private Map<Indicator, Long> raw(int partition, String entity) {
        return aggregates.read(partition, List.of(new AggregateId(entity, "2024-02-14"))).get(0).raw();
    }

    @Test
    void aBatchIsAppliedOnceEvenWhenItIsDeliveredAgain() {
        int p = freshPartition();
        List<CanonicalEvent> events = List.of(event(Indicator.E1, "c1", "u1", 1), event(Indicator.E1, "c1", "u2", 1),
                event(Indicator.E1, "c1", "u1", 1), event(Indicator.E10, "c1", "u3", -1));
        assertTrue(aggregates.apply(batch(p, 0, 3, events)));
        assertFalse(aggregates.apply(batch(p, 0, 3, events)), "a redelivered batch changes nothing");
        assertFalse(aggregates.apply(batch(p, 2, 5, events)), "an overlapping batch is refused whole");
        Map<Indicator, Long> raw = raw(p, "c1");
        assertEquals(3L, raw.get(Indicator.E1));
        assertEquals(2L, raw.get(Indicator.E2), "E2 counts distinct users of E1");
        assertEquals(-1L, raw.get(Indicator.E10), "an unfollow nets to -1");
        assertEquals(3L, progress.appliedOffset(p));
        assertTrue(aggregates.apply(batch(p, 4, 4, List.of(event(Indicator.E1, "c1", "u9", 1)))));
        assertEquals(4L, raw(p, "c1").get(Indicator.E1));
        assertEquals(List.of(new EntityPeriod(EntityType.CONTENT, "c1", "2024-02-14")), dirty.dirty(p));
        long ttl = redis.send(io.vertx.mutiny.redis.client.Request.cmd(io.vertx.mutiny.redis.client.Command.TTL)
                .arg(aggregates.keys().aggregates(p, "2024-02-14"))).toLong();
        assertTrue(ttl > 399L * 86_400 && ttl <= 400L * 86_400, "the period's aggregates live 400 days: " + ttl);
        assertEquals(List.of(new EntityKey(EntityType.CONTENT, "c1")), aggregates.entities(p, "2024-02-14"),
                "listed once, with its type");
    }

    @Test
    void distinctUserCountsStayWithinOnePercentForTenThousandUsers() {
        int p = freshPartition();
        List<CanonicalEvent> events = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            events.add(event(Indicator.E1, "hll", "user-" + (i % 10_000), 1));
            events.add(event(Indicator.E13, "hll", "payer-" + (i % 2_500), 1));
        }
        assertTrue(aggregates.apply(batch(p, 0, 0, events)));
        Map<Indicator, Long> raw = raw(p, "hll");
        assertEquals(20_000L, raw.get(Indicator.E1));
        assertEquals(10_000, raw.get(Indicator.E2), 100, "E2 within 1 %");
        assertEquals(2_500, raw.get(Indicator.E13), 25, "E13 within 1 %");
    }

    @Test
    void bothDistinctUserCountsAndTheCountsBesideThemSurviveBatchesThatTouchOnlySomeOfThem() {
        int p = freshPartition();
        assertTrue(aggregates.apply(batch(p, 0, 2, List.of(event(Indicator.E1, "c", "u1", 1),
                event(Indicator.E1, "c", "u2", 1), event(Indicator.E13, "c", "payer-1", 1)))));
        assertTrue(aggregates.apply(batch(p, 3, 5, List.of(event(Indicator.E13, "c", "payer-2", 1),
                event(Indicator.E1, "c", "u1", 1), event(Indicator.E5, "c", "u1", 3)))));
        assertTrue(aggregates.apply(batch(p, 6, 6, List.of(event(Indicator.E1, "c", "u3", 1)))));
        assertTrue(aggregates.apply(batch(p, 7, 7, List.of(event(Indicator.E12, "c", "u3", 1000)))));
        Map<Indicator, Long> raw = raw(p, "c");
        assertEquals(4L, raw.get(Indicator.E1));
        assertEquals(3L, raw.get(Indicator.E2), "u1, u2, u3");
        assertEquals(3L, raw.get(Indicator.E5));
        assertEquals(1000L, raw.get(Indicator.E12));
        assertEquals(2L, raw.get(Indicator.E13), "payer-1, payer-2");
        assertEquals(0L, raw.get(Indicator.E3));
    }

    @Test
    void idsAndUserKeysWithQuotesBackslashesAndChineseAreCountedAsWritten() {
        int p = freshPartition();
        String entity = "歌曲\"《晴天》\\v2";
        List<CanonicalEvent> events = List.of(event(Indicator.E1, entity, "用户\"1", 1),
                event(Indicator.E1, entity, "u\\2\n", 1), event(Indicator.E1, entity, "用户\"1", 1));
        assertTrue(aggregates.apply(batch(p, 0, 2, events)));
        Map<Indicator, Long> raw = raw(p, entity);
        assertEquals(3L, raw.get(Indicator.E1));
        assertEquals(2L, raw.get(Indicator.E2), "two distinct users, each written as sent");
        assertEquals(List.of(new EntityPeriod(EntityType.CONTENT, entity, "2024-02-14")), dirty.dirty(p));
        assertEquals(List.of(new EntityKey(EntityType.CONTENT, entity)), aggregates.entities(p, "2024-02-14"));
    }

    @Test
    void aMusicPairIsReadWithItsTopOrderContributorAndOtherPairsWithoutOne() {
        int p = freshPartition();
        PartitionBatch b = new PartitionBatch(p, aggregates.keys());
        b.covers(0);
        for (String[] order : new String[][] { { "clip-a", "2" }, { "clip-b", "5" }, { "clip-a", "1" } }) {
            b.add(new CanonicalEvent("o", "test", Channel.MIGU_APP, Network.INTERNET, Indicator.E3, EntityType.MUSIC,
                    "song", order[0], "2024-02-14T10:00:00+08:00", "u", Integer.parseInt(order[1])), "2024-02-14",
                    1_707_876_000_000L);
        }
        b.add(event(Indicator.E5, "clip-a", "u", 1), "2024-02-14", 1_707_876_000_000L);
        assertTrue(aggregates.apply(b));

        List<AggregateRepository.RawValues> read = aggregates.readPairs(p, List.of(
                new EntityPeriod(EntityType.MUSIC, "song", "2024-02-14"),
                new EntityPeriod(EntityType.CONTENT, "clip-a", "2024-02-14")));
        assertEquals("clip-b", read.get(0).topContributor());
        assertEquals(5L, read.get(0).topContributorOrders());
        assertEquals(8L, read.get(0).raw().get(Indicator.E3));
        assertEquals("MUSIC", read.get(0).entityType());
        assertEquals(null, read.get(1).topContributor());
        assertEquals(1L, read.get(1).raw().get(Indicator.E5));
        assertEquals(0L, read.get(1).raw().get(Indicator.E2), "no plays, no distinct players");
    }
}
