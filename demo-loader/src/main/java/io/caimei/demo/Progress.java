package io.caimei.demo;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.Instant;

import io.caimei.demo.generate.YearRhythm;

/** A single-line progress bar on stderr ({@code \r}): records sent, percent, simulated date, events per second. */
final class Progress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final long total;
    private final long started = System.nanoTime();
    private long lastDraw;

    Progress(PrintStream out, long total) {
        this.out = out;
        this.total = total;
    }

    /** Redraws at most five times a second, or always when {@code force}. */
    synchronized void update(long done, long simulatedMilli, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        String date = simulatedMilli <= 0 ? "----------"
                : LocalDate.ofInstant(Instant.ofEpochMilli(simulatedMilli), YearRhythm.CHINA).toString();
        out.printf("\r[%s%s] %5.1f%%  %,d/%,d records  %s  %,.0f events/s   ", "#".repeat(filled),
                ".".repeat(WIDTH - filled), fraction * 100, done, total, date, rate(done));
        out.flush();
    }

    void finish(long done, long simulatedMilli) {
        update(done, simulatedMilli, true);
        out.println();
    }

    double rate(long done) {
        double seconds = (System.nanoTime() - started) / 1e9;
        return seconds <= 0 ? 0 : done / seconds;
    }

    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }
}
