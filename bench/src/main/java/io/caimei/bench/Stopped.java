package io.caimei.bench;

import java.util.Arrays;

/**
 * Processes stopped with SIGSTOP until closed (SIGCONT), so one stage is measured with the machine to itself; run.sh
 * continues them on exit as well, whatever happens to the benchmark.
 */
record Stopped(long[] pids) implements AutoCloseable {

    /** Stops every positive pid (others are skipped: that process was not given). */
    static Stopped processes(long... pids) throws Exception {
        long[] given = Arrays.stream(pids).filter(p -> p > 0).toArray();
        for (long pid : given) {
            signal("STOP", pid);
        }
        return new Stopped(given);
    }

    /** Continues one of them early; closing continues it again, which is harmless. */
    void resume(long pid) throws Exception {
        if (pid > 0) {
            signal("CONT", pid);
        }
    }

    @Override
    public void close() throws Exception {
        for (long pid : pids) {
            signal("CONT", pid);
        }
    }

    private static void signal(String name, long pid) throws Exception {
        Process p = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + pid + " failed");
        }
    }
}
