package io.caimei.ingest.mapping;

import io.caimei.events.CanonicalEvent;

/**
 * The outcome of one submitted record: exactly one of {@code event} (accepted) and {@code reason}
 * (rejected) is non-null.
 *
 * @param index 0-based position of the record in the submitted body: for CDR text and NDJSON the 0-based
 *     line number counting every line (blank and comment lines included, although they yield no result),
 *     for a JSON array the element position, for a body that is a single JSON object 0
 * @param event the canonical event (not yet attributed, not yet deduplicated) when accepted
 * @param reason {@code CODE: detail} when rejected, e.g. {@code MISSING_FIELD: eid}; never contains a raw
 *     phone number
 */
public record RecordResult(int index, CanonicalEvent event, String reason) {

    public RecordResult {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0");
        }
        if ((event == null) == (reason == null)) {
            throw new IllegalArgumentException("exactly one of event and reason must be non-null");
        }
    }

    public static RecordResult accepted(int index, CanonicalEvent event) {
        if (event == null) {
            throw new IllegalArgumentException("event must not be null");
        }
        return new RecordResult(index, event, null);
    }

    public static RecordResult rejected(int index, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason must not be blank");
        }
        return new RecordResult(index, null, reason);
    }

    public boolean isAccepted() {
        return event != null;
    }

    /** The machine code of a rejection ({@code MISSING_FIELD}, {@code BAD_PHONE}, ...), null when accepted. */
    public String code() {
        if (reason == null) {
            return null;
        }
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }
}
