package io.caimei.scoring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.caimei.events.Channel;

class WatermarkTest {

    private static final Duration LATENESS = Duration.ofHours(2);
    private static final Duration IDLE = Duration.ofHours(6);

    private static long at(String beijing) {
        return OffsetDateTime.parse(beijing + "+08:00").toInstant().toEpochMilli();
    }

    private static Instant watermark(Map<Channel, Long> latest) {
        return Watermark.of(latest, LATENESS, IDLE).orElseThrow();
    }

    private static Instant endOfDay(String day) {
        return OffsetDateTime.parse(day + "T00:00:00+08:00").plusDays(1).toInstant();
    }

    @Test
    void internetEventsHoursAheadDoNotCloseTheDayACdrFileHasNotReached() {
        Map<Channel, Long> latest = new EnumMap<>(Channel.class);
        latest.put(Channel.MIGU_APP, at("2024-03-03T02:30:00"));
        latest.put(Channel.CRBT, at("2024-03-02T22:59:59")); // the 23:00-24:00 file is not delivered yet
        assertTrue(watermark(latest).isBefore(endOfDay("2024-03-02")), "the day stays open for the CRBT file");
        // the file for 23:00-24:00 arrives at 02:30: its plays still count on 2024-03-02
        latest.put(Channel.CRBT, at("2024-03-02T23:59:59"));
        assertTrue(watermark(latest).isBefore(endOfDay("2024-03-02")));
        // once CRBT is past 02:00 too, the day closes
        latest.put(Channel.CRBT, at("2024-03-03T02:00:01"));
        assertFalse(watermark(latest).isBefore(endOfDay("2024-03-02")));
    }

    @Test
    void aSingleChannelsWatermarkIsItsLatestEventMinusTheLateness() {
        Map<Channel, Long> latest = Map.of(Channel.MIGU_APP, at("2015-03-03T02:30:00"));
        assertEquals(OffsetDateTime.parse("2015-03-03T00:30:00+08:00").toInstant(), watermark(latest));
    }

    @Test
    void aChannelSilentForTheIdleTimeoutStopsHoldingPeriodsOpenAndHoldsThemAgainOnceItSends() {
        Map<Channel, Long> latest = new EnumMap<>(Channel.class);
        latest.put(Channel.MIGU_APP, at("2024-03-03T08:00:01"));
        latest.put(Channel.CALLER_ID, at("2024-03-03T02:00:00")); // 6 h 1 s behind: idle
        assertEquals(Instant.ofEpochMilli(at("2024-03-03T06:00:01")), watermark(latest));
        assertTrue(Watermark.idle(latest, Channel.CALLER_ID, IDLE));
        assertFalse(Watermark.idle(latest, Channel.MIGU_APP, IDLE));
        // exactly 6 h behind still holds
        latest.put(Channel.CALLER_ID, at("2024-03-03T02:00:01"));
        assertEquals(Instant.ofEpochMilli(at("2024-03-03T00:00:01")), watermark(latest));
        // it sends again: it holds periods again from its own time
        latest.put(Channel.CALLER_ID, at("2024-03-03T07:00:00"));
        assertEquals(Instant.ofEpochMilli(at("2024-03-03T05:00:00")), watermark(latest));
    }

    @Test
    void thereIsNoWatermarkBeforeTheFirstEvent() {
        assertEquals(Optional.empty(), Watermark.of(Map.of(), LATENESS, IDLE));
    }

    @Test
    void aPartitionWithRecordsStillWaitingHoldsTheDayOpenThatAnotherPartitionHasLeft() {
        // one poll served partition 0 all of 2024-03-03; partition 1 still has the end of 2024-03-02 waiting
        Map<Integer, Map<Channel, Long>> byPartition = Map.of(
                0, Map.of(Channel.CRBT, at("2024-03-03T23:00:00"), Channel.MIGU_APP, at("2024-03-03T22:00:00")),
                1, Map.of(Channel.CRBT, at("2024-03-02T18:00:00"), Channel.MIGU_APP, at("2024-03-02T19:00:00")));
        Instant behind = Watermark.closing(byPartition, Set.of(1), LATENESS, IDLE).orElseThrow();
        assertEquals(Instant.ofEpochMilli(at("2024-03-02T16:00:00")), behind);
        assertTrue(behind.isBefore(endOfDay("2024-03-02")), "2024-03-02 stays open for partition 1");
        // caught up (nothing waiting): the partitions' channels merge as before and the day closes
        Instant caughtUp = Watermark.closing(byPartition, Set.of(), LATENESS, IDLE).orElseThrow();
        assertEquals(Instant.ofEpochMilli(at("2024-03-03T20:00:00")), caughtUp);
        assertFalse(caughtUp.isBefore(endOfDay("2024-03-02")));
    }

    @Test
    void aPartitionAheadOfTheOthersOrWithNothingAppliedYetNeverMovesTheWatermarkForward() {
        Map<Integer, Map<Channel, Long>> byPartition = Map.of(
                0, Map.of(Channel.CRBT, at("2024-03-03T10:00:00")),
                1, Map.of(Channel.CRBT, at("2024-03-03T12:00:00")));
        // partition 1 is ahead of the merged watermark's slowest channel only through its own max: no change
        assertEquals(Instant.ofEpochMilli(at("2024-03-03T10:00:00")),
                Watermark.closing(byPartition, Set.of(1), LATENESS, IDLE).orElseThrow());
        // a partition with records waiting and none applied yet: nothing can close
        assertEquals(Optional.empty(), Watermark.closing(byPartition, Set.of(2), LATENESS, IDLE));
    }
}
