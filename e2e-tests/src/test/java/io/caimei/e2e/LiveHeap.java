package io.caimei.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's live heap: the heap still in use right after a full collection forced with {@code jcmd}. Unlike RSS
 * or a sample of the heap between collections, it grows only when the service keeps objects, so it is the figure a
 * leak moves; the forced collection pauses the service once, for well under a second at these heap sizes.
 */
final class LiveHeap {

    /** One generation or region line of {@code GC.heap_info} ("tenured generation total 262144K, used 41234K"). */
    private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");

    private LiveHeap() {
    }

    /** MiB in use after a full collection of the JVM {@code pid}, or -1 when jcmd cannot attach. */
    static long mib(long pid) {
        try {
            Path commands = Files.createTempFile("caimei-soak-jcmd", ".txt");
            try {
                Files.writeString(commands, "GC.run\nGC.heap_info\n");
                Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(pid), "-f", commands.toString()).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    return -1;
                }
                long kib = 0;
                Matcher m = USED.matcher(out);
                while (m.find()) {
                    kib += Long.parseLong(m.group(1));
                }
                return kib == 0 ? -1 : kib / 1024;
            } finally {
                Files.deleteIfExists(commands);
            }
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
