package io.caimei.events;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * Reads a canonical event with Jackson's streaming parser, and its {@code occurredAt} without a formatter: the
 * scorer reads every record this way (a third of its consumer thread went to data binding and
 * {@code OffsetDateTime.parse} in a profile). Unknown fields are skipped, as data binding did.
 */
public final class CanonicalEventJson {

    /** Like the services' ObjectMapper (StrictJson): a field named twice is ambiguous and refused. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private CanonicalEventJson() {
    }

    /** The event of one JSON object; throws on anything else, or on an unknown enum constant. */
    public static CanonicalEvent read(String json) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            String eventId = null;
            String source = null;
            Channel channel = null;
            Network network = null;
            Indicator indicator = null;
            EntityType entityType = null;
            String entityId = null;
            String attributedFrom = null;
            String occurredAt = null;
            String userKey = null;
            int delta = 0;
            String field;
            while ((field = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                if (t == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (field) {
                    case "eventId" -> eventId = p.getValueAsString();
                    case "source" -> source = p.getValueAsString();
                    case "channel" -> channel = Channel.valueOf(p.getText());
                    case "network" -> network = Network.valueOf(p.getText());
                    case "indicator" -> indicator = Indicator.valueOf(p.getText());
                    case "entityType" -> entityType = EntityType.valueOf(p.getText());
                    case "entityId" -> entityId = p.getValueAsString();
                    case "attributedFrom" -> attributedFrom = p.getValueAsString();
                    case "occurredAt" -> occurredAt = p.getValueAsString();
                    case "userKey" -> userKey = p.getValueAsString();
                    case "delta" -> delta = p.getIntValue();
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new IOException("truncated JSON object");
            }
            return new CanonicalEvent(eventId, source, channel, network, indicator, entityType, entityId,
                    attributedFrom, occurredAt, userKey, delta);
        }
    }

    /**
     * The instant of an ISO-8601 date-time with offset ({@code 2024-02-14T10:00:00+08:00}, optional fraction,
     * {@code Z}); the common shapes are read by hand, anything else by {@link OffsetDateTime#parse}, which also
     * decides what is invalid.
     */
    public static Instant instant(String text) {
        int n = text.length();
        if (n >= 20 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            int hour = digits(text, 11, 2);
            int minute = digits(text, 14, 2);
            int second = digits(text, 17, 2);
            int at = 19;
            int nanos = 0;
            if (at < n && text.charAt(at) == '.') {
                int from = ++at;
                while (at < n && Character.isDigit(text.charAt(at))) {
                    at++;
                }
                int len = at - from;
                if (len >= 1 && len <= 9) {
                    nanos = digits(text, from, len);
                    for (int i = len; i < 9; i++) {
                        nanos *= 10;
                    }
                } else {
                    year = -1;
                }
            }
            int offsetSeconds = Integer.MIN_VALUE;
            if (at == n - 1 && text.charAt(at) == 'Z') {
                offsetSeconds = 0;
            } else if (at == n - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-') && text.charAt(at + 3) == ':') {
                int h = digits(text, at + 1, 2);
                int m = digits(text, at + 4, 2);
                if (h >= 0 && h <= 18 && m >= 0 && m <= 59) {
                    offsetSeconds = (text.charAt(at) == '-' ? -1 : 1) * (h * 3600 + m * 60);
                }
            }
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && hour >= 0 && hour <= 23 && minute >= 0
                    && minute <= 59 && second >= 0 && second <= 59 && offsetSeconds != Integer.MIN_VALUE) {
                try {
                    long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
                    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds,
                            nanos);
                } catch (DateTimeException e) {
                    // e.g. February 30th: let the formatter word the error
                }
            }
        }
        return OffsetDateTime.parse(text).toInstant();
    }

    /** The decimal number of text[from, from + len), or -1 when a character is not an ASCII digit. */
    private static int digits(String text, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
