package io.caimei.events;

import java.util.Optional;

/**
 * The one rule for ids (event ids, entity ids, sources, campaign and advertiser ids), used by ingest, the catalog
 * and the gateway alike.
 *
 * <p>An id is 1 to 128 characters of {@code A-Z a-z 0-9 . _ : -} and does not contain {@code ..}: no spaces,
 * quotes, slashes, {@code |}, CR/LF or non-ASCII, so ids are safe in Redis keys, URLs, logs and CDR lines, and
 * {@code ..} cannot walk a path. An id that is a mainland mobile number in any spelling
 * {@link PhoneNumbers#normalize} accepts (e.g. {@code 13800138000}, {@code 86-138-0013-8000}) is refused too, so
 * a swapped field can never carry a raw phone number into Kafka, a key or a log line.
 */
public final class EntityIds {

    public static final int MAX_LENGTH = 128;

    /** Human-readable statement of the rule, for error messages ("... must be " + RULE). */
    public static final String RULE = "1 to 128 characters of A-Z a-z 0-9 . _ : - without '..'";


    private EntityIds() {
    }

    /** 1 to 128 of {@code A-Z a-z 0-9 . _ : -}: a loop, not a regex, as ingest checks several ids per event. */
    private static boolean allowedCharacters(String id) {
        int n = id.length();
        if (n < 1 || n > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code id} satisfies the rule. */
    public static boolean isValid(String id) {
        return refusal(id).isEmpty();
    }

    /**
     * Why {@code id} is refused, phrased to follow a field name ({@code "must be ..."} or
     * {@code "must not be a phone number"}), or empty when it is valid. Never quotes the value.
     */
    public static Optional<String> refusal(String id) {
        // a phone number in any spelling is named as such, so the sender learns which field carried one
        if (PhoneNumbers.normalize(id).isPresent()) {
            return Optional.of("must not be a phone number");
        }
        if (id == null || !allowedCharacters(id) || id.contains("..")) {
            return Optional.of("must be " + RULE);
        }
        return Optional.empty();
    }
}
