package io.caimei.ingest.mapping;

import java.util.regex.Pattern;

/**
 * The one rule for identifiers (event ids, entity ids, sources) and the rule for internet uids.
 *
 * <p>An id is 1 to 128 characters of {@code A-Z a-z 0-9 . _ : -} and does not contain {@code ..}: no
 * spaces, quotes, slashes, {@code |}, CR/LF or non-ASCII, so ids are safe in Redis keys, URLs, logs and
 * CDR lines (an injected separator makes the record fail). An id that is a mainland mobile number in any
 * spelling {@link PhoneNumbers#normalize} accepts (e.g. {@code 13800138000}, {@code 86-138-0013-8000}) is
 * refused too, so a swapped field can never carry a raw phone number into Kafka.
 */
public final class Ids {

    public static final int MAX_LENGTH = 128;

    /** Human-readable statement of the id rule, as used in {@code BAD_ID} reasons. */
    public static final String RULE = "1 to 128 characters of A-Z a-z 0-9 . _ : - without '..'";

    /** Human-readable statement of the uid rule, as used in {@code BAD_FIELD: uid ...} reasons. */
    public static final String UID_RULE = "1 to 128 visible ASCII characters without spaces";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");
    private static final Pattern UID = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private Ids() {
    }

    /** True when {@code id} satisfies the id rule. */
    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches() && !id.contains("..")
                && PhoneNumbers.normalize(id).isEmpty();
    }

    /** True when {@code uid} (already trimmed) is an acceptable non-phone internet uid. */
    public static boolean isValidUid(String uid) {
        return uid != null && UID.matcher(uid).matches();
    }

    /** The reason for a field whose value breaks the id rule; never quotes the value. */
    static String badIdReason(String field, String value) {
        if (value != null && PhoneNumbers.normalize(value).isPresent()) {
            return "BAD_ID: " + field + " must not be a phone number";
        }
        return "BAD_ID: " + field + " must be " + RULE;
    }
}
