package io.caimei.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void nearestRankPercentiles() {
        double[] v = new double[100];
        for (int i = 0; i < 100; i++) {
            v[i] = i + 1;
        }
        assertEquals(50, Stats.percentile(v, 50));
        assertEquals(99, Stats.percentile(v, 99));
        assertEquals(100, Stats.percentile(v, 100));
        assertEquals(1, Stats.percentile(v, 0.5));
    }

    @Test
    void smallSamples() {
        assertEquals(7, Stats.percentile(new double[] { 7 }, 50));
        assertEquals(7, Stats.percentile(new double[] { 7 }, 99));
        double[] four = { 1, 2, 3, 4 };
        assertEquals(2, Stats.percentile(four, 50));
        assertEquals(4, Stats.percentile(four, 99));
        assertTrue(Double.isNaN(Stats.percentile(new double[0], 50)));
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(four, 0));
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(four, 101));
    }

    @Test
    void summarySortsAndConvertsNanos() {
        long[] nanos = { 3_000_000, 1_000_000, 2_000_000, 0 };
        Stats.Summary s = Stats.ofNanos(nanos, 3);
        assertEquals(3, s.count());
        assertEquals(2.0, s.p50());
        assertEquals(3.0, s.p99());
        assertEquals(3.0, s.max());
        assertEquals(2.0, s.mean(), 1e-9);
        assertTrue(Double.isNaN(Stats.of(new double[0]).p50()));
    }
}
