package io.caimei.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * ISO-8601 date-times with offset ({@code 2024-02-14T10:00:00+08:00}), read and written without a formatter in the
 * common shapes: ingest parses and prints one per event and the scorer parses one per record, and the formatters were
 * a sixth of ingest's request threads in a profile. Anything else goes to the formatter, which also words the errors.
 */
public final class IsoTimes {

    private IsoTimes() {
    }

    /** The instant of the text; throws {@link java.time.format.DateTimeParseException} when it is not one. */
    public static Instant instant(String text) {
        return offsetDateTime(text).toInstant();
    }

    /**
     * The date-time with its offset, as {@code OffsetDateTime.parse(text, ISO_OFFSET_DATE_TIME)} reads it (seconds
     * and fraction optional, {@code Z} or {@code ±HH:MM}).
     */
    public static OffsetDateTime offsetDateTime(String text) {
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
                while (at < n && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
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
            ZoneOffset offset = null;
            if (at == n - 1 && text.charAt(at) == 'Z') {
                offset = ZoneOffset.UTC;
            } else if (at == n - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-')
                    && text.charAt(at + 3) == ':') {
                int h = digits(text, at + 1, 2);
                int m = digits(text, at + 4, 2);
                if (h >= 0 && h <= 18 && m >= 0 && m <= 59) {
                    int sign = text.charAt(at) == '-' ? -1 : 1;
                    offset = ZoneOffset.ofTotalSeconds(sign * (h * 3600 + m * 60));
                }
            }
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && hour >= 0 && hour <= 23 && minute >= 0
                    && minute <= 59 && second >= 0 && second <= 59 && offset != null) {
                try {
                    return OffsetDateTime.of(LocalDate.of(year, month, day).atTime(hour, minute, second, nanos),
                            offset);
                } catch (DateTimeException e) {
                    // e.g. February 30th: the formatter words the error
                }
            }
        }
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** What {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t)} prints. */
    public static String format(OffsetDateTime t) {
        int year = t.getYear();
        if (year < 1000 || year > 9999 || t.getOffset().getTotalSeconds() % 60 != 0) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
        }
        StringBuilder out = new StringBuilder(35).append(year).append('-');
        two(out, t.getMonthValue()).append('-');
        two(out, t.getDayOfMonth()).append('T');
        two(out, t.getHour()).append(':');
        two(out, t.getMinute()).append(':');
        two(out, t.getSecond());
        int nanos = t.getNano();
        if (nanos > 0) {
            // the formatter prints the fraction with its trailing zeros removed
            String f = Integer.toString(1_000_000_000 + nanos).substring(1);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            out.append('.').append(f, 0, end);
        }
        return out.append(t.getOffset().getId()).toString();
    }

    private static StringBuilder two(StringBuilder out, int v) {
        return out.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
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
