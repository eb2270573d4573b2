package io.caimei.ingest.mapping;

/**
 * Nothing in the body could be read as records of the expected format: the body is empty, is not JSON for
 * a JSON channel, is JSON for a CDR channel, or has no record at all. The whole request is bad (HTTP 400);
 * for a single bad record inside a readable body see {@link RecordResult#rejected}.
 *
 * <p>The message starts with {@link #code()} ({@code EMPTY_BODY}, {@code NO_RECORDS}, {@code NOT_JSON},
 * {@code NOT_CDR}) and never quotes the body.
 */
public final class ParseException extends RuntimeException {

    /** The body is null, empty or only whitespace. */
    public static final String EMPTY_BODY = "EMPTY_BODY";
    /** The body is readable but holds no record (only blank/comment lines, an empty array, no JSON object). */
    public static final String NO_RECORDS = "NO_RECORDS";
    /** A JSON channel got something that is neither a JSON array, one JSON object, nor NDJSON. */
    public static final String NOT_JSON = "NOT_JSON";
    /** A CDR channel got a JSON body. */
    public static final String NOT_CDR = "NOT_CDR";

    private static final long serialVersionUID = 1L;

    private final String code;

    ParseException(String code, String detail) {
        super(code + ": " + detail, null, false, false);
        this.code = code;
    }

    /** The machine code the message starts with. */
    public String code() {
        return code;
    }
}
