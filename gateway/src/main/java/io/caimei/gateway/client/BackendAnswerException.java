package io.caimei.gateway.client;

import jakarta.ws.rs.core.Response;

/**
 * A backend's refusal (4xx, or a 5xx it sent itself) that a gateway service reads mid-way and hands to the caller
 * unchanged: status, media type, Retry-After and body as the backend sent them.
 */
public class BackendAnswerException extends RuntimeException {

    private final int status;
    private final String mediaType;
    private final String retryAfter;
    private final byte[] body;

    public BackendAnswerException(int status, String mediaType, String retryAfter, byte[] body) {
        super("backend answered " + status, null, false, false);
        this.status = status;
        this.mediaType = mediaType;
        this.retryAfter = retryAfter;
        this.body = body;
    }

    /** Buffers the answer (and closes it) so it can outlive the backend call. */
    public static BackendAnswerException of(Response backend) {
        try (backend) {
            byte[] body = backend.hasEntity() ? backend.readEntity(byte[].class) : null;
            String type = backend.getMediaType() == null ? null : backend.getMediaType().toString();
            return new BackendAnswerException(backend.getStatus(), type, backend.getHeaderString("Retry-After"), body);
        }
    }

    public int status() {
        return status;
    }

    public String mediaType() {
        return mediaType;
    }

    public String retryAfter() {
        return retryAfter;
    }

    public byte[] body() {
        return body;
    }
}
