package io.caimei.ingest.mapping;

import io.caimei.events.PhoneNumbers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonymous user keys (design section 6, "Who the user is").
 *
 * <ul>
 *   <li>{@code u:<64 lowercase hex>} = HMAC-SHA256(secret, 11-digit mainland msisdn): telecom users and
 *       internet uids that are mainland phone numbers, so one person is one user on both networks;</li>
 *   <li>{@code p:<64 lowercase hex>} = HMAC-SHA256(secret, "intl:" + digits): a uid that looks like any
 *       other phone number (see {@link PhoneNumbers#looksLikePhone}), so no raw number is ever stored;</li>
 *   <li>{@code uid:<uid>}: any other internet uid, trimmed, as it is.</li>
 * </ul>
 * Thread-safe. Neither the secret nor a number ever appears in an exception message or {@link #toString}.
 */
public final class UserKeys {

    public static final String MSISDN_PREFIX = "u:";
    public static final String OTHER_PHONE_PREFIX = "p:";
    public static final String UID_PREFIX = "uid:";
    public static final int MIN_SECRET_LENGTH = 16;

    private static final String ALGORITHM = "HmacSHA256";
    /** Human-readable statement of the uid rule, as used in {@code BAD_FIELD: uid ...} reasons. */
    public static final String UID_RULE = "1 to 128 visible ASCII characters without spaces";

    private static final Pattern UID = Pattern.compile("[\\x21-\\x7E]{1,128}");
    private static final Pattern HASHED = Pattern.compile("[up]:[0-9a-f]{64}");

    private final SecretKeySpec key;
    private final Mac prototype;

    /** @param secret at least 16 characters, not blank; used as its UTF-8 bytes */
    public UserKeys(String secret) {
        this(checked(secret));
    }

    /** @param secret at least 16 bytes; copied */
    public UserKeys(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("user-key secret must be at least " + MIN_SECRET_LENGTH + " bytes");
        }
        this.key = new SecretKeySpec(Arrays.copyOf(secret, secret.length), ALGORITHM);
        this.prototype = newMac(); // fails now, not on first use, if HMAC-SHA256 is unavailable
    }

    private static byte[] checked(String secret) {
        if (secret == null || secret.isBlank()
                || secret.codePointCount(0, secret.length()) < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException(
                    "user-key secret must be at least " + MIN_SECRET_LENGTH + " characters and not blank");
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    /**
     * {@code u:} + lowercase hex HMAC-SHA256(secret, msisdn).
     *
     * @param msisdn a normalized mainland number: 11 ASCII digits starting with 1 (see {@link PhoneNumbers})
     * @throws IllegalArgumentException when it is not (the value is not in the message)
     */
    public String forMsisdn(String msisdn) {
        if (msisdn == null || msisdn.length() != 11 || msisdn.charAt(0) != '1' || !msisdn.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("msisdn must be a normalized 11-digit mainland mobile number");
        }
        return MSISDN_PREFIX + hmac(msisdn);
    }

    /**
     * The key of an internet uid: {@link #forMsisdn} of it when it is a mainland phone number (in any
     * accepted spelling, e.g. {@code +86 138 0013 8000}); {@code p:<hmac>} when it looks like another phone
     * number; else {@code uid:} + the trimmed uid.
     *
     * @throws IllegalArgumentException when the uid is blank or breaks {@link #UID_RULE}
     */
    public String forUid(String uid) {
        if (uid == null || uid.isBlank()) {
            throw new IllegalArgumentException("uid must not be blank");
        }
        var msisdn = PhoneNumbers.normalize(uid);
        if (msisdn.isPresent()) {
            return forMsisdn(msisdn.get());
        }
        if (PhoneNumbers.looksLikePhone(uid)) {
            return OTHER_PHONE_PREFIX + hmac("intl:" + PhoneNumbers.digitsOf(uid));
        }
        String trimmed = uid.strip();
        if (!UID.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("uid must be " + UID_RULE);
        }
        return UID_PREFIX + trimmed;
    }

    /**
     * The key for a {@code userKey} field sent by a trusted system in a canonical event: an already hashed
     * {@code u:}/{@code p:} key (64 lowercase hex digits) is kept; {@code uid:X} is {@link #forUid}(X), so a
     * phone number smuggled in as {@code uid:13800138000} is still hashed; anything else is
     * {@link #forUid}(value).
     *
     * @throws IllegalArgumentException when blank, when {@code u:}/{@code p:} (any case) is not followed by 64
     *     lowercase hex digits, or when the uid breaks {@link #UID_RULE}
     */
    public String forUserKeyField(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("userKey must not be blank");
        }
        String v = value.strip();
        if (HASHED.matcher(v).matches()) {
            return v;
        }
        if (v.regionMatches(true, 0, MSISDN_PREFIX, 0, 2) || v.regionMatches(true, 0, OTHER_PHONE_PREFIX, 0, 2)) {
            throw new IllegalArgumentException("userKey with prefix 'u:' or 'p:' must be followed by 64 lowercase hex digits");
        }
        if (v.startsWith(UID_PREFIX)) {
            return forUid(v.substring(UID_PREFIX.length()));
        }
        return forUid(v);
    }

    private String hmac(String text) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone(); // cheap, and safe on virtual threads (no ThreadLocal)
        } catch (CloneNotSupportedException e) {
            mac = newMac();
        }
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return "UserKeys[secret=<redacted>]";
    }
}
