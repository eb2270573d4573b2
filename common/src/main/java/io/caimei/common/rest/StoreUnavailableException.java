package io.caimei.common.rest;

/**
 * A backing store (PostgreSQL, Redis) failed or did not answer in time. Deliberately not an HTTP type: consumer
 * threads catch it and retry, and only the REST layer turns it into a 503 problem ({@link StoreUnavailableMapper}).
 */
public class StoreUnavailableException extends RuntimeException {

    private final String store;

    public StoreUnavailableException(String store, Throwable cause) {
        super(store + " is not reachable right now", cause);
        this.store = store;
    }

    /** The store's name as shown to clients, e.g. {@code "PostgreSQL"}. */
    public String store() {
        return store;
    }
}
