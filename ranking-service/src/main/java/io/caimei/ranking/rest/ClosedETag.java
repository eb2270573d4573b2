package io.caimei.ranking.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Strong entity tags of closed periods' answers: computed from what the answer depends on, never from a store. */
final class ClosedETag {

    /** Closed answers may be kept a day by the caller; a renamed entity shows up after revalidation. */
    static final String CACHE_CONTROL = "private, max-age=86400";

    /**
     * Bump when the JSON of a board answer changes shape or meaning, so caches never mix the two (v2: movement,
     * peak and periods on board by chart convention).
     */
    private static final String FORMAT = "v2";

    private ClosedETag() {
    }

    static String of(String board, String period, String what, long catalogVersion) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((FORMAT + "\n" + board + "\n" + period + "\n" + what
                    + "\n" + catalogVersion).getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(d, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when an If-None-Match header names the tag (or is {@code *}). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String t : ifNoneMatch.split(",")) {
            String tag = t.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
