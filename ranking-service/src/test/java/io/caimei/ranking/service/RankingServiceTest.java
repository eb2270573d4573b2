package io.caimei.ranking.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.caimei.events.Board;
import io.caimei.events.BoardCatalog;
import io.caimei.events.EntityType;
import io.caimei.events.Period;
import io.caimei.events.PeriodKind;
import io.caimei.events.ScoreUpdate;
import io.caimei.ranking.mapping.BoardPage;
import io.caimei.ranking.mapping.Entry;
import io.quarkus.test.junit.QuarkusTest;

/** Ranks and freezing against the real Redis and PostgreSQL, without Kafka. */
@QuarkusTest
class RankingServiceTest {

    @Inject
    RankingService ranking;

    @Inject
    FreezeService freezer;

    private static final Board CONTENT = BoardCatalog.get().byId("content-heat").orElseThrow();

    /** A day in the 1900s no other run uses: runs never share a board period. */
    private static Period freshDay() {
        return new Period(PeriodKind.DAY, LocalDate.of(1900, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(36_000)));
    }

    private void score(Period p, String id, double index) {
        ranking.apply(List.of(new ScoreUpdate(id, EntityType.CONTENT, p.id(), index, "standard", 1, null, 0, "now")));
    }

    @Test
    void scores90_80_80_70RankOneTwoTwoFourAcrossPagesWithTiesByEntityId() {
        Period p = freshDay();
        score(p, "d", 70);
        score(p, "c", 80);
        score(p, "b", 80);
        score(p, "a", 90);
        BoardPage first = ranking.page(CONTENT, p, 0, 2).await().indefinitely();
        BoardPage second = ranking.page(CONTENT, p, 2, 2).await().indefinitely();
        assertEquals(List.of("a", "b"), first.entries().stream().map(Entry::entityId).toList());
        assertEquals(List.of(1, 2), first.entries().stream().map(Entry::rank).toList());
        assertEquals(List.of("c", "d"), second.entries().stream().map(Entry::entityId).toList());
        assertEquals(List.of(2, 4), second.entries().stream().map(Entry::rank).toList());
        assertEquals(4, second.total());
    }

    @Test
    void aScoreUpdateReplacesTheEntitysPreviousScore() {
        Period p = freshDay();
        score(p, "x", 10);
        score(p, "y", 20);
        score(p, "x", 30);
        BoardPage page = ranking.page(CONTENT, p, 0, 10).await().indefinitely();
        assertEquals(List.of("x", "y"), page.entries().stream().map(Entry::entityId).toList());
        assertEquals(30.0, page.entries().get(0).score());
    }

    @Test
    void oneBatchPlacesManyEntitiesOnOneBoardPeriodAndAnEntityScoredTwiceKeepsItsLastScore() {
        Period p = freshDay();
        ranking.apply(List.of(
                new ScoreUpdate("x", EntityType.CONTENT, p.id(), 10, "standard", 1, null, 0, "now"),
                new ScoreUpdate("y", EntityType.CONTENT, p.id(), 20, "standard", 1, null, 0, "now"),
                new ScoreUpdate("z", EntityType.CONTENT, p.id(), 5, "standard", 1, null, 0, "now"),
                new ScoreUpdate("x", EntityType.CONTENT, p.id(), 30, "standard", 1, null, 0, "now")));
        BoardPage page = ranking.page(CONTENT, p, 0, 10).await().indefinitely();
        assertEquals(List.of("x", "y", "z"), page.entries().stream().map(Entry::entityId).toList());
        assertEquals(List.of(30.0, 20.0, 5.0), page.entries().stream().map(Entry::score).toList());
    }

    @Test
    void aFrozenPeriodIsServedFromPostgresAndIgnoresLaterScores() {
        Period p = freshDay();
        score(p, "f1", 50);
        score(p, "f2", 40);
        assertEquals(2, freezer.freeze(CONTENT, p));
        score(p, "f2", 99);
        BoardPage page = ranking.page(CONTENT, p, 0, 10).await().indefinitely();
        assertTrue(page.closed());
        assertEquals(List.of("f1", "f2"), page.entries().stream().map(Entry::entityId).toList());
        assertEquals(40.0, page.entries().get(1).score());
        assertEquals(0, freezer.freeze(CONTENT, p), "a second freeze changes nothing");
    }

    @Test
    void movementReadOnceIsRefreshedWhenThePreviousPeriodFreezesLater() {
        Period today = freshDay();
        Period yesterday = today.previous();
        // ids of this run only: other runs froze other days with their own entities
        String m1 = "m1-" + today.id();
        String m2 = "m2-" + today.id();
        score(yesterday, m1, 10);
        score(yesterday, m2, 20);
        score(today, m1, 30);
        score(today, m2, 5);
        BoardPage before = ranking.page(CONTENT, today, 0, 10).await().indefinitely();
        assertEquals(List.of("NEW", "NEW"), before.entries().stream().map(e -> e.movement()).toList(),
                "yesterday is still open: nobody has a previous rank");
        assertEquals(2, freezer.freeze(CONTENT, yesterday));
        BoardPage after = ranking.page(CONTENT, today, 0, 10).await().indefinitely();
        assertEquals(List.of(m1, m2), after.entries().stream().map(Entry::entityId).toList());
        assertEquals(java.util.Arrays.asList(2, 1), after.entries().stream().map(Entry::previousRank).toList());
        assertEquals(List.of("UP 1", "DOWN 1"), after.entries().stream().map(e -> e.movement()).toList());
        assertEquals(List.of(2, 2), after.entries().stream().map(Entry::periodsOnBoard).toList(),
                "yesterday's chart run and today's");
    }

    @Inject
    io.vertx.mutiny.redis.client.Redis redis;

    private java.util.Map<String, String> factsOf(Period p) {
        var r = redis.send(io.vertx.mutiny.redis.client.Request.cmd(io.vertx.mutiny.redis.client.Command.HGETALL)
                .arg("test-ranking:{content-heat:" + p.id() + "}:facts")).await().indefinitely();
        java.util.Map<String, String> out = new java.util.HashMap<>();
        for (String k : r.getKeys()) {
            out.put(k, r.get(k).toString());
        }
        return out;
    }

    /** Yesterday a scored 10 and b 20 (ids of this run only); returns them. */
    private String[] yesterdayAandB(Period today, String tag) {
        String a = tag + "a-" + today.id();
        String b = tag + "b-" + today.id();
        score(today.previous(), a, 10);
        score(today.previous(), b, 20);
        return new String[] { a, b };
    }

    @Test
    void freezingADayWritesTheNextDaysMovementFactsBesideItsRankingAndPagesReadThem() {
        Period today = freshDay();
        String[] ab = yesterdayAandB(today, "f");
        String a = ab[0];
        String b = ab[1];
        score(today, a, 1);
        assertEquals(2, freezer.freeze(CONTENT, today.previous()));
        // previous rank, peak, periods on board: b was first and a second yesterday (other runs' frozen days
        // add their own entities' history to the same hash)
        java.util.Map<String, String> facts = factsOf(today);
        assertEquals("1", facts.get("~"));
        assertEquals("2,2,1", facts.get(a));
        assertEquals("1,1,1", facts.get(b));
        long ttl = redis.send(io.vertx.mutiny.redis.client.Request.cmd(io.vertx.mutiny.redis.client.Command.TTL)
                .arg("test-ranking:{content-heat:" + today.id() + "}:facts")).await().indefinitely().toLong();
        assertTrue(ttl > 0 && ttl <= 7 * 24 * 3600, "a day long past keeps its facts 7 days at most, got " + ttl);
        Entry e = ranking.page(CONTENT, today, 0, 10).await().indefinitely().entries().get(0);
        assertEquals(a, e.entityId());
        assertEquals(2, e.previousRank());
        assertEquals("UP 1", e.movement());
        assertEquals(1, e.peakRank(), "the peak includes today's rank");
        assertEquals(2, e.periodsOnBoard(), "periods on board count today");
    }

    @Test
    void rank21LastPeriodOnATop20BoardIsNewNotAnArrowAndTodayCountsTowardsPeakAndPeriods() {
        Period today = freshDay();
        String tag = "c21-" + today.id() + "-";
        // yesterday 21 entities of this run: e00 first ... e20 twenty-first, just below the top-20 chart
        for (int i = 0; i <= 20; i++) {
            score(today.previous(), tag + String.format("e%02d", i), 100 - i);
        }
        score(today, tag + "e20", 50);
        score(today, tag + "e19", 40);
        assertEquals(21, freezer.freeze(CONTENT, today.previous()));
        List<Entry> entries = ranking.page(CONTENT, today, 0, 10).await().indefinitely().entries();
        Entry below = entries.get(0);
        assertEquals(tag + "e20", below.entityId());
        assertEquals(21, below.previousRank(), "previous rank stays the final rank, on the chart or not");
        assertEquals("NEW", below.movement(), "21st on a top-20 board was never on the chart");
        assertEquals(1, below.peakRank());
        assertEquals(1, below.periodsOnBoard());
        Entry last = entries.get(1);
        assertEquals(20, last.previousRank());
        assertEquals("UP 18", last.movement(), "20th was on the chart: an arrow");
        assertEquals(2, last.peakRank());
        assertEquals(2, last.periodsOnBoard());
    }

    @Test
    void movementFactsLostFromRedisAreComputedAgainOnTheNextRead() {
        Period today = freshDay();
        String[] ab = yesterdayAandB(today, "l");
        score(today, ab[0], 5);
        score(today, ab[1], 1);
        freezer.freeze(CONTENT, today.previous());
        BoardPage before = ranking.page(CONTENT, today, 0, 10).await().indefinitely();
        redis.send(io.vertx.mutiny.redis.client.Request.cmd(io.vertx.mutiny.redis.client.Command.DEL)
                .arg("test-ranking:{content-heat:" + today.id() + "}:facts")).await().indefinitely();
        BoardPage after = ranking.page(CONTENT, today, 0, 10).await().indefinitely();
        assertEquals(before, after);
        assertEquals(List.of("UP 1", "DOWN 1"), after.entries().stream().map(Entry::movement).toList());
        java.util.Map<String, String> facts = factsOf(today);
        assertEquals(java.util.List.of("1", "2,2,1", "1,1,1"),
                java.util.Arrays.asList(facts.get("~"), facts.get(ab[0]), facts.get(ab[1])), "the read stored them again");
    }

    @Test
    void anEntityWithNoFrozenPastIsNewAndItsDaysFactsAreMarkedComputed() {
        Period today = freshDay();
        String id = "nf-" + today.id();
        score(today, id, 3);
        BoardPage page = ranking.page(CONTENT, today, 0, 10).await().indefinitely();
        assertEquals("NEW", page.entries().get(0).movement());
        assertEquals(null, page.entries().get(0).previousRank());
        assertEquals("1", factsOf(today).get("~"), "computed once, marked as computed");
        assertEquals(null, factsOf(today).get(id), "an entity without a frozen past has no facts");
    }
}
