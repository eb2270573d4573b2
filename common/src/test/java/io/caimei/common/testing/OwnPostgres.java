package io.caimei.common.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A PostgreSQL server of this test's own (initdb + pg_ctl in /tmp, on a free port) that a test may stop and start;
 * the shared server on 5432 is never touched. Runs the binaries as user postgres when the build runs as root.
 */
public class OwnPostgres implements QuarkusTestResourceLifecycleManager {

    private static Path dir;
    private static int port;

    @Override
    public Map<String, String> start() {
        try {
            port = freePort();
            dir = Files.createTempDirectory("caimei-outage-pg-");
            run("chown", "-R", "postgres:postgres", dir.toString());
            run(bin("initdb"), "-D", data(), "-U", "postgres", "--auth-local=trust", "--auth-host=trust");
            startServer();
            run(bin("psql"), "-h", dir.toString(), "-p", Integer.toString(port), "-U", "postgres",
                    "-v", "ON_ERROR_STOP=1", "-c", "CREATE ROLE caimei LOGIN PASSWORD 'caimei'",
                    "-c", "CREATE DATABASE caimei_test OWNER caimei");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a PostgreSQL of the test's own", e);
        }
        return Map.of("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + port + "/caimei_test");
    }

    @Override
    public void stop() {
        try {
            stopServer();
        } finally {
            deleteTree(dir);
        }
    }

    /** Stops the server at once, as a crash or a network cut would look to the service. */
    public static void stopServer() {
        runQuietly(bin("pg_ctl"), "-D", data(), "-m", "immediate", "-w", "stop");
    }

    /** Starts the stopped server again and waits until it accepts connections. */
    public static void startServer() {
        run(bin("pg_ctl"), "-D", data(), "-l", dir.resolve("postgres.log").toString(), "-w", "-t", "60",
                "-o", "-c listen_addresses=127.0.0.1 -c port=" + port + " -c unix_socket_directories=" + dir, "start");
    }

    private static String data() {
        return dir.resolve("data").toString();
    }

    /** The newest installed PostgreSQL's binaries (Debian: /usr/lib/postgresql/<major>/bin). */
    private static String bin(String name) {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.max(Comparator.naturalOrder()).orElseThrow().resolve("bin").resolve(name).toString();
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL installed under /usr/lib/postgresql", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void runQuietly(String... cmd) {
        try {
            run(cmd);
        } catch (IllegalStateException alreadyStopped) {
            // stopping a stopped server is fine
        }
    }

    private static void run(String... cmd) {
        boolean root = ProcessHandle.current().info().user().map("root"::equals).orElse(false);
        if (cmd[0].equals("chown") && !root) {
            return; // not root: the server runs as this user, in a directory it owns
        }
        List<String> full = new ArrayList<>();
        if (root && !cmd[0].equals("chown")) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(cmd));
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", full) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover directory in /tmp is harmless
        }
    }
}
