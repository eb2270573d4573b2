package io.caimei.common.rest;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/** Waits for a call to a backing store; a failure or a timeout becomes a {@link StoreUnavailableException}. */
public final class Stores {

    private Stores() {
    }

    /**
     * The call's result, or {@link StoreUnavailableException} when the store fails or does not answer within
     * {@code timeout}. A {@link Problem} raised inside the call (a 404 decided mid-chain) passes through unchanged.
     */
    public static <T> T await(Uni<T> call, Duration timeout, String store) {
        try {
            return call.await().atMost(timeout);
        } catch (Problem | StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreUnavailableException(store, e);
        }
    }
}
