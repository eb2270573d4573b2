package io.caimei.demo.client;

/** A non-retryable answer from the gateway or the identity provider: status and problem body. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String body;

    public ApiException(String what, int status, String body) {
        super(what + " failed: HTTP " + status + (body == null || body.isBlank() ? "" : "\n" + body.strip()));
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
