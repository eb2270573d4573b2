package io.caimei.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.utils.AppInfoParser;

/** Facts about the machine a run measured: CPUs, memory, Java, OS, Redis, date. */
final class Machine {

    private Machine() {
    }

    static void describe(Ctx c, Map<String, Object> m) {
        m.put("date (UTC)", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        m.put("nproc", Runtime.getRuntime().availableProcessors());
        m.put("CPU", cpuModel());
        long mem = memTotalBytes();
        m.put("memory", mem > 0 ? String.format(Locale.ROOT, "%.1f GiB", mem / (1024.0 * 1024 * 1024))
                : "unknown");
        m.put("Java", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        m.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        try (Resp r = c.redis()) {
            m.put("Redis", r.info("server", "redis_version"));
        } catch (IOException e) {
            m.put("Redis", "unreachable");
        }
        m.put("Kafka clients", AppInfoParser.getVersion());
        m.put("load average at start (1/5/15 min)", loadAverage());
        m.put("other JVMs on the machine at start", otherJvms());
    }

    static long memTotalBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }

    static String loadAverage() {
        try {
            String[] p = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return p[0] + " / " + p[1] + " / " + p[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    /** How many other java processes run (Kafka, Keycloak, the services, tests of other people …). */
    private static long otherJvms() {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses().filter(p -> p.pid() != self)
                .filter(p -> p.info().command().map(cmd -> cmd.endsWith("/java")).orElse(false)).count();
    }
}
