package io.caimei.e2e;

import com.fasterxml.jackson.databind.JsonNode;

/** What the formula says a board must show, for tests that stream plays and count them. */
final class Expected {

    private Expected() {
    }

    /** The standard profile's index of an entity whose only indicator is n internet plays (E5: C2 0.5 × D3 0.7 × 0.35). */
    static double playsIndex(long plays) {
        return 10 * Math.pow(0.5 * 0.7 * 0.35 * Math.log1p(plays), 2);
    }

    /** True when every entry of the page scores the index of its expected plays; entity ids are prefix + number. */
    static boolean scoresMatch(JsonNode board, long[] expected, String idPrefix) {
        for (JsonNode entry : board.path("entries")) {
            int e = Integer.parseInt(entry.path("entityId").asText().substring(idPrefix.length()));
            if (Math.abs(entry.path("score").asDouble() - playsIndex(expected[e])) > 1e-9) {
                return false;
            }
        }
        return true;
    }
}
