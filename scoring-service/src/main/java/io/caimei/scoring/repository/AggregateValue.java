package io.caimei.scoring.repository;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

import io.caimei.events.EntityType;
import io.caimei.events.Indicator;

/**
 * The stored form of one aggregate: one field of its period's hash, written by the apply script. The value is a text
 * line {@code <type code> <E1> … <E13> <length of E2's HyperLogLog> } (each word followed by a space) and a newline, then the raw HyperLogLogs of E2
 * and E13 (Redis' own sparse or dense strings). E2 and E13 in the line are the HyperLogLog counts the script took when
 * their users last changed, so reading an aggregate never touches a HyperLogLog. One field instead of a hash, two
 * HyperLogLog keys and an index member: a key costs ~100 B of Redis' own bookkeeping before its value.
 */
public record AggregateValue(EntityType type, Map<Indicator, Long> raw) {

    private static final Indicator[] INDICATORS = Indicator.values();

    /** The one-letter code of each entity type in the stored line; the script stores what it is given. */
    public static String code(EntityType type) {
        return switch (type) {
            case CONTENT -> "c";
            case MUSIC -> "m";
            case ACCOUNT -> "a";
            case AI_APP -> "i";
            case CAMPAIGN -> "p";
        };
    }

    static EntityType type(String code) {
        return switch (code) {
            case "c" -> EntityType.CONTENT;
            case "m" -> EntityType.MUSIC;
            case "a" -> EntityType.ACCOUNT;
            case "i" -> EntityType.AI_APP;
            case "p" -> EntityType.CAMPAIGN;
            default -> throw new IllegalArgumentException("unknown entity type code " + code);
        };
    }

    /** Slot (1-based, as in the script) of an indicator in the stored line, after the type code. */
    public static int slot(Indicator i) {
        return i.ordinal() + 1;
    }

    /** Parses the text line of a stored value; the HyperLogLogs after it are left unread. */
    public static AggregateValue parse(byte[] stored) {
        int end = 0;
        while (end < stored.length && stored[end] != '\n') {
            end++;
        }
        String[] words = new String(stored, 0, end, StandardCharsets.US_ASCII).split(" ");
        if (words.length < INDICATORS.length + 1) {
            throw new IllegalArgumentException("not an aggregate value: " + words.length + " words");
        }
        Map<Indicator, Long> raw = new EnumMap<>(Indicator.class);
        for (int i = 0; i < INDICATORS.length; i++) {
            raw.put(INDICATORS[i], Long.parseLong(words[i + 1]));
        }
        return new AggregateValue(type(words[0]), raw);
    }
}
