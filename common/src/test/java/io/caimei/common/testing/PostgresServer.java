package io.caimei.common.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a test's own (initdb + pg_ctl in /tmp, on a free port) that the test may stop and start;
 * plain JDK, so both Quarkus test resources and the process-level e2e stacks use it. It has role and password
 * {@code caimei} and database {@code caimei_test}; the shared server on 5432 is never touched. Runs the binaries as
 * user postgres when the build runs as root.
 */
public final class PostgresServer implements AutoCloseable {

    private final Path dir;
    private final int port;

    private PostgresServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Creates a fresh cluster with the {@code caimei} role and database and starts it. */
    public static PostgresServer create() {
        try {
            PostgresServer pg = new PostgresServer(Files.createTempDirectory("caimei-outage-pg-"), freePort());
            run("chown", "-R", "postgres:postgres", pg.dir.toString());
            run(bin("initdb"), "-D", pg.data(), "-U", "postgres", "--auth-local=trust", "--auth-host=trust");
            pg.start();
            run(bin("psql"), "-h", pg.dir.toString(), "-p", Integer.toString(pg.port), "-U", "postgres",
                    "-v", "ON_ERROR_STOP=1", "-c", "CREATE ROLE caimei LOGIN PASSWORD 'caimei'",
                    "-c", "CREATE DATABASE caimei_test OWNER caimei");
            return pg;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a PostgreSQL of the test's own", e);
        }
    }

    public int port() {
        return port;
    }

    /** The reactive client's URL of the test database, as {@code quarkus.datasource.reactive.url} wants it. */
    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + port + "/caimei_test";
    }

    /** Stops the server at once, as a crash or a network cut would look to a service. */
    public void stop() {
        try {
            run(bin("pg_ctl"), "-D", data(), "-m", "immediate", "-w", "stop");
        } catch (IllegalStateException alreadyStopped) {
            // stopping a stopped server is fine
        }
    }

    /** Starts the stopped server again on the same port and waits until it accepts connections. */
    public void start() {
        run(bin("pg_ctl"), "-D", data(), "-l", dir.resolve("postgres.log").toString(), "-w", "-t", "60",
                "-o", "-c listen_addresses=127.0.0.1 -c port=" + port + " -c unix_socket_directories=" + dir, "start");
    }

    /** Stops the server and deletes its cluster. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            deleteTree(dir);
        }
    }

    private String data() {
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
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover directory in /tmp is harmless
        }
    }
}
