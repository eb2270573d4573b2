package io.caimei.ingest.mapping;

import io.caimei.events.EntityIds;

/** Control flow inside a parser: the current record is rejected with this reason. Never escapes the package. */
final class Reject extends RuntimeException {

    private static final long serialVersionUID = 1L;

    Reject(String reason) {
        super(reason, null, false, false);
    }

    String reason() {
        return getMessage();
    }

    static Reject missing(String field) {
        return new Reject("MISSING_FIELD: " + field);
    }

    /** {@code BAD_ID} for a field whose value breaks {@link EntityIds}; never quotes the value. */
    static Reject badId(String field, String value) {
        return new Reject("BAD_ID: " + field + " " + EntityIds.refusal(value).orElse("must be " + EntityIds.RULE));
    }
}
