package io.caimei.demo.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The day waves the loader posts: whole local days, channels side by side, nothing lost or reordered. */
class BatcherTest {

    private static long china(String localDateTime) {
        return LocalDateTime.parse(localDateTime).toEpochSecond(YearRhythm.CHINA) * 1000;
    }

    private static DemoEvent event(long seq, Channel channel, String at) {
        return new DemoEvent(seq, channel, china(at), "id" + seq, "u", null, "PLAY", "CONTENT", "c1", "p");
    }

    @Test
    void aWaveHoldsOneLocalDayAndBreaksAtChinaMidnightNotUtcMidnight() {
        List<List<Batcher.Batch>> waves = new ArrayList<>();
        Batcher b = new Batcher(500, waves::add);
        b.add(event(1, Channel.CRBT, "2024-03-01T07:59:00")); // 23:59 UTC the day before: same China day as below
        b.add(event(2, Channel.MIGU_APP, "2024-03-01T08:01:00"));
        b.add(event(3, Channel.CRBT, "2024-03-01T23:59:59"));
        b.add(event(4, Channel.CRBT, "2024-03-02T00:00:00"));
        b.finish();

        assertEquals(2, waves.size());
        assertEquals(List.of(Channel.CRBT, Channel.MIGU_APP), waves.get(0).stream().map(Batcher.Batch::channel).toList());
        assertEquals(List.of(1L, 3L), waves.get(0).get(0).events().stream().map(DemoEvent::seq).toList());
        assertEquals(List.of(4L), waves.get(1).get(0).events().stream().map(DemoEvent::seq).toList());
    }

    @Test
    void aBusyChannelDayIsCutIntoFullBatchesOfTheSameWave() {
        List<List<Batcher.Batch>> waves = new ArrayList<>();
        Batcher b = new Batcher(2, waves::add);
        for (int i = 1; i <= 5; i++) {
            b.add(event(i, Channel.CRBT, "2024-03-01T10:0" + i + ":00"));
        }
        b.finish();

        assertEquals(1, waves.size());
        assertEquals(List.of(2, 2, 1), waves.get(0).stream().map(x -> x.events().size()).toList());
    }

    @Test
    void theGeneratedYearIsSentWholeInDayWavesOfAtMostEightChannels() {
        List<List<Batcher.Batch>> waves = new ArrayList<>();
        Batcher b = new Batcher(500, waves::add);
        List<DemoEvent> events = Fixtures.events(60_000, 2024);
        events.forEach(b::add);
        b.finish();

        Set<Long> seen = new HashSet<>();
        long previousDay = Long.MIN_VALUE;
        for (List<Batcher.Batch> wave : waves) {
            Set<Long> days = new HashSet<>();
            wave.forEach(x -> x.events().forEach(e -> {
                days.add(Batcher.localDay(e.epochMilli()));
                assertTrue(seen.add(e.seq()), "record " + e.seq() + " sent twice");
            }));
            assertEquals(1, days.size(), "a wave spans exactly one local day");
            long day = days.iterator().next();
            assertTrue(day > previousDay, "waves go forward in time");
            previousDay = day;
            wave.forEach(x -> assertEquals(x.events().stream().sorted((p, q) -> Long.compare(p.seq(), q.seq())).toList(),
                    x.events(), "a batch keeps its channel's time order"));
        }
        assertEquals(events.size(), seen.size());
        assertTrue(waves.size() <= 366, "one wave per day of the year: " + waves.size());
    }

    @Test
    void recordsFromAnEarlierDayAfterALaterOneAreRefused() {
        Batcher b = new Batcher(500, w -> { });
        b.add(event(1, Channel.CRBT, "2024-03-02T10:00:00"));
        assertThrows(IllegalArgumentException.class, () -> b.add(event(2, Channel.CRBT, "2024-03-01T10:00:00")));
    }
}
