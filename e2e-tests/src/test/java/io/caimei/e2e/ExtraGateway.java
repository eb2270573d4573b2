package io.caimei.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second gateway process of its own (same packaged jar as the stack's, its own port and settings), for
 * tests that need a gateway whose backends are broken. Stop it with {@link #close()}.
 */
public final class ExtraGateway implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ExtraGateway(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the gateway on {@code port} with extra {@code -D} settings and waits until it is ready. */
    public static ExtraGateway start(int port, List<String> settings) throws Exception {
        Path root = Path.of(System.getProperty("caimei.root", "..")).toAbsolutePath().normalize();
        Path jar = root.resolve("gateway/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("missing " + jar + ": build with ./mvnw package first");
        }
        Path log = Stack.logDir().resolve("extra-gateway-" + port + ".log");
        Files.createDirectories(log.getParent());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + Stack.managementPort(port),
                "-Dquarkus.oidc.auth-server-url=" + Stack.ISSUER, "-Dquarkus.log.file.enabled=false",
                "-Dcaimei.gateway.rate-limit.key-prefix=e2e-extra-" + port + "-" + System.currentTimeMillis()));
        cmd.add(Stack.LOCAL_PROFILE);
        cmd.addAll(settings);
        cmd.add("-jar");
        cmd.add(jar.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        ExtraGateway gw = new ExtraGateway(p, port, log);
        try {
            gw.awaitLive();
        } catch (Exception e) {
            gw.close();
            throw e;
        }
        return gw;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Liveness only: its backends are meant to be unreachable. */
    private void awaitLive() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("extra gateway exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(Stack.health("gateway", port) + "/q/health/live"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("extra gateway not live after 90 s; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
