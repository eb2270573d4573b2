package io.caimei.ingest.mapping;

import io.caimei.events.PhoneNumbers;
import java.util.regex.Pattern;

/** Quoting of values inside rejection reasons, so that no raw phone number can ever appear in one. */
final class Reasons {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_#.\\-]{1,32}");

    private Reasons() {
    }

    /**
     * {@code 'value'} for a short token of letters, digits and {@code _ # . -} with fewer than 7 digits
     * (e.g. {@code 'dance'}, {@code 'ORDER_1#'}); {@code (value not shown)} for anything else.
     */
    static String quote(String value) {
        if (value != null && SAFE.matcher(value).matches() && digitCount(value) < 7
                && !PhoneNumbers.looksLikePhone(value)) {
            return "'" + value + "'";
        }
        return "(value not shown)";
    }

    private static int digitCount(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }
}
