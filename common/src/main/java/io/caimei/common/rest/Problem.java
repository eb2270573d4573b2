package io.caimei.common.rest;

/** An RFC 9457 problem to return: status, a stable type slug, a title and a specific detail. */
public class Problem extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private Integer retryAfter;

    public Problem(int status, String type, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    /** Adds a {@code Retry-After} header (seconds) to the answer. */
    public Problem retryAfter(int seconds) {
        this.retryAfter = seconds;
        return this;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Integer retryAfterSeconds() {
        return retryAfter;
    }
}
