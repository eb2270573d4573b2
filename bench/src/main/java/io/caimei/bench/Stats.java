package io.caimei.bench;

import java.util.Arrays;

/** Latency summaries: nearest-rank percentiles over samples in nanoseconds, reported in milliseconds. */
public final class Stats {

    private Stats() {
    }

    /**
     * Nearest-rank percentile of sorted samples: the smallest value with at least {@code p} percent of the samples
     * at or below it. {@code p} in (0, 100]; NaN for no samples.
     */
    public static double percentile(double[] sorted, double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    /** Summary of samples in nanoseconds, as milliseconds. */
    public static Summary ofNanos(long[] nanos, int count) {
        double[] ms = new double[count];
        for (int i = 0; i < count; i++) {
            ms[i] = nanos[i] / 1e6;
        }
        return of(ms);
    }

    /** Summary of samples already in milliseconds. */
    public static Summary of(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        return new Summary(s.length, s.length == 0 ? Double.NaN : sum / s.length, percentile(s, 50),
                percentile(s, 99), s.length == 0 ? Double.NaN : s[s.length - 1]);
    }

    /** Count, mean, p50, p99 and max (ms). */
    public record Summary(int count, double mean, double p50, double p99, double max) {
    }
}
