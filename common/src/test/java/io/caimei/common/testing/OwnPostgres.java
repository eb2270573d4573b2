package io.caimei.common.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A {@link PostgresServer} of this test's own as a Quarkus test resource: the service under test points at it, and
 * the test stops and starts it through the static methods; the shared server on 5432 is never touched.
 */
public class OwnPostgres implements QuarkusTestResourceLifecycleManager {

    private static PostgresServer server;

    @Override
    public Map<String, String> start() {
        server = PostgresServer.create();
        return Map.of("quarkus.datasource.reactive.url", server.reactiveUrl());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Stops the server at once, as a crash or a network cut would look to the service. */
    public static void stopServer() {
        server.stop();
    }

    /** Starts the stopped server again and waits until it accepts connections. */
    public static void startServer() {
        server.start();
    }
}
