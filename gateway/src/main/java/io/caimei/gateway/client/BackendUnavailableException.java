package io.caimei.gateway.client;

/** A backend did not answer in time, refused the connection, or its circuit is open. */
public class BackendUnavailableException extends RuntimeException {

    public BackendUnavailableException(String backend) {
        super(backend + " is unavailable", null, false, false);
    }
}
