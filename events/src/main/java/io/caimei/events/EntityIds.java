package io.caimei.events;

import java.util.regex.Pattern;

/** The one rule for entity, event and advertiser ids: 1 to 128 of letters, digits, '.', '_', ':' and '-'. */
public final class EntityIds {

    public static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");
    public static final String RULE = "1 to 128 characters of letters, digits, '.', '_', ':' and '-'";

    private EntityIds() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }
}
