package io.caimei.common.testing;

import java.time.Duration;
import java.time.Instant;

/** Repeats a check until it passes or the time is up; for what recovers by itself (a pool after a restart). */
public final class Eventually {

    private Eventually() {
    }

    /** Runs the check every 500 ms until it stops throwing AssertionError; the last failure if it never does. */
    public static void within(Duration limit, Runnable check) {
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
