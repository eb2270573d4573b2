package io.caimei.gateway.client;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;

import io.caimei.gateway.testing.LocalBackends;

/** A ranking and scoring service that answers every request correctly but only after two seconds, and counts them. */
public class SlowBackend extends LocalBackends {

    static final AtomicInteger REQUESTS = new AtomicInteger();

    @Override
    protected void answer(HttpExchange exchange) throws IOException {
        REQUESTS.incrementAndGet();
        try {
            Thread.sleep(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        send(exchange, 200, "{\"id\":\"song-1\",\"type\":\"MUSIC\",\"name\":\"A song\"}");
    }
}
