package io.caimei.ingest.mapping;

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
}
