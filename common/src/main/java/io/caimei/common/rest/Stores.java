package io.caimei.common.rest;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/** Waits for a call to a backing store; a failure or a timeout becomes a 503 problem the client may retry. */
public final class Stores {

    private Stores() {
    }

    /** The call's result, or {@link Problems#unavailable(String)} when the store fails or does not answer in time. */
    public static <T> T await(Uni<T> call, Duration timeout, String store) {
        try {
            return call.await().atMost(timeout);
        } catch (Problem p) {
            throw p;
        } catch (RuntimeException e) {
            throw Problems.unavailable(store);
        }
    }
}
