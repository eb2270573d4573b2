package io.caimei.events;

import java.util.Optional;
import java.util.regex.Pattern;

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

    private static final Pattern CHARACTERS = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private EntityIds() {
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
        if (id == null || !CHARACTERS.matcher(id).matches() || id.contains("..")) {
            return Optional.of("must be " + RULE);
        }
        return Optional.empty();
    }
}
