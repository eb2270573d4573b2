package io.caimei.events;

/**
 * Reads a canonical event in the plain form ingest writes without a JSON parser: the scorer reads every record, and
 * the streaming parser (with its duplicate-field check) was a fifth of its consumer thread in a profile. Returns
 * null for anything it does not read exactly as the parser would (an escape, a control character, an unknown or
 * repeated field, a value of another JSON type, a fraction), which then goes to the parser and its refusals.
 */
final class PlainEvent {

    /** The fields in the order of the record; a field's bit in the seen-mask is its index. */
    private static final String[] FIELDS = { "eventId", "source", "channel", "network", "indicator", "entityType",
        "entityId", "attributedFrom", "occurredAt", "userKey", "delta" };
    private static final int DELTA = 10;

    private PlainEvent() {
    }

    /** The event, or null when the record is not plain. */
    static CanonicalEvent read(String s) {
        try {
            return parse(s);
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            return null; // truncated or unusual: the parser says what is wrong
        }
    }

    private static CanonicalEvent parse(String s) {
        int n = s.length();
        int i = space(s, 0);
        if (s.charAt(i) != '{') {
            return null;
        }
        i = space(s, i + 1);
        EventFields f = new EventFields();
        int seen = 0;
        while (true) {
            if (s.charAt(i) != '"') {
                return null;
            }
            int nameEnd = s.indexOf('"', i + 1);
            int field = field(s, i + 1, nameEnd);
            if (field < 0 || (seen & (1 << field)) != 0) {
                return null;
            }
            seen |= 1 << field;
            i = space(s, nameEnd + 1);
            if (s.charAt(i) != ':') {
                return null;
            }
            i = space(s, i + 1);
            char c = s.charAt(i);
            if (c == 'n') {
                if (!s.startsWith("null", i)) {
                    return null;
                }
                i += 4; // a null is an absent field, as the parser's reader treats it
            } else if (field == DELTA) {
                int digits = i + (c == '-' ? 1 : 0);
                int end = digits;
                while (end < n && s.charAt(end) >= '0' && s.charAt(end) <= '9') {
                    end++;
                }
                boolean leadingZero = end - digits > 1 && s.charAt(digits) == '0';
                if (end == digits || leadingZero
                        || end < n && (s.charAt(end) == '.' || s.charAt(end) == 'e' || s.charAt(end) == 'E')) {
                    return null;
                }
                f.delta = Integer.parseInt(s, i, end, 10);
                i = end;
            } else if (c == '"') {
                int end = i + 1;
                for (char ch; (ch = s.charAt(end)) != '"'; end++) {
                    if (ch < 0x20 || ch == '\\') {
                        return null;
                    }
                }
                String v = s.substring(i + 1, end);
                i = end + 1;
                switch (field) {
                    case 0 -> f.eventId = v;
                    case 1 -> f.source = v;
                    case 2 -> f.channel = Channel.valueOf(v);
                    case 3 -> f.network = Network.valueOf(v);
                    case 4 -> f.indicator = Indicator.valueOf(v);
                    case 5 -> f.entityType = EntityType.valueOf(v);
                    case 6 -> f.entityId = v;
                    case 7 -> f.attributedFrom = v;
                    case 8 -> f.occurredAt = v;
                    default -> f.userKey = v;
                }
            } else {
                return null;
            }
            i = space(s, i);
            c = s.charAt(i);
            if (c == '}') {
                break;
            }
            if (c != ',') {
                return null;
            }
            i = space(s, i + 1);
        }
        if (space(s, i + 1) != n) {
            return null;
        }
        return f.event();
    }

    /** The index of the field named by {@code s[from, to)} in {@link #FIELDS}, or -1 (chosen by length first). */
    private static int field(String s, int from, int to) {
        int f = switch (to - from) {
            case 5 -> DELTA;
            case 6 -> 1;
            case 7 -> switch (s.charAt(from)) {
                case 'e' -> 0;
                case 'c' -> 2;
                case 'n' -> 3;
                default -> 9;
            };
            case 8 -> 6;
            case 9 -> 4;
            case 10 -> s.charAt(from) == 'e' ? 5 : 8;
            case 14 -> 7;
            default -> -1;
        };
        return f >= 0 && s.startsWith(FIELDS[f], from) ? f : -1;
    }

    /** The first index at or after {@code i} that is not JSON white space (or the length). */
    private static int space(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
            i++;
        }
        return i;
    }
}
