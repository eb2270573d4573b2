package io.caimei.events;

import java.util.Optional;

/** Mainland China mobile numbers (MSISDNs) as upstream systems write them. */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    /**
     * The 11-digit national mobile number, or empty when {@code raw} is not a mainland mobile number.
     *
     * <p>Accepted: {@code 13800138000}, {@code 8613800138000}, {@code +8613800138000},
     * {@code 008613800138000}, with whitespace or dashes anywhere ({@code +86 138-0013-8000}). The result
     * is 11 ASCII digits starting with {@code 1}. A leading {@code +} or {@code 00} must be followed by
     * country code 86 ({@code +13800138000} is a North American number, not a mainland one).
     */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = compact(raw, false);
        if (s == null || s.isEmpty() || s.length() > 16) {
            return Optional.empty();
        }
        String national;
        if (s.charAt(0) == '+') {
            if (!s.startsWith("+86")) {
                return Optional.empty();
            }
            national = s.substring(3);
        } else if (s.startsWith("0086")) {
            national = s.substring(4);
        } else if (s.length() == 13 && s.startsWith("86")) {
            national = s.substring(2);
        } else {
            national = s;
        }
        if (national.length() != 11 || national.charAt(0) != '1' || !allDigits(national)) {
            return Optional.empty();
        }
        return Optional.of(national);
    }

    /**
     * True when {@code value} may be a phone number of any country and must therefore be treated as
     * personal data: every mainland number {@link #normalize} accepts, and any text made only of an
     * optional leading {@code +}, 7 to 15 digits and the separators space, dash, dot and parentheses
     * (e.g. {@code +1 (415) 555-0100}, {@code 010-12345678}). A superset of {@code normalize(..).isPresent()}.
     */
    public static boolean looksLikePhone(String value) {
        if (value == null) {
            return false;
        }
        if (normalize(value).isPresent()) {
            return true;
        }
        String s = compact(value, true);
        if (s == null || s.isEmpty()) {
            return false;
        }
        String digits = s.charAt(0) == '+' ? s.substring(1) : s;
        return digits.length() >= 7 && digits.length() <= 15 && allDigits(digits);
    }

    /** The digits of a phone-like value (leading {@code +}/{@code 00} dropped); for hashing only. */
    public static String digitsOf(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        String d = b.toString();
        return value.strip().startsWith("00") ? d.substring(2) : d;
    }

    /**
     * Removes separators; null when a character other than digits, separators or one leading '+' occurs.
     */
    private static String compact(String raw, boolean lenientSeparators) {
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            } else if (c == '+' && b.length() == 0) {
                b.append(c);
            } else if (c == '-' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                continue;
            } else if (lenientSeparators && (c == '.' || c == '(' || c == ')')) {
                continue;
            } else {
                return null;
            }
        }
        return b.toString();
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
