package io.caimei.ingest.mapping;

import io.caimei.events.CanonicalEvent;
import io.caimei.events.Channel;
import io.caimei.events.EntityIds;
import io.caimei.events.EntityType;
import io.caimei.events.Indicator;
import io.caimei.events.PhoneNumbers;
import io.caimei.events.Period;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Call-detail records of the telecom channels {@code CRBT}, {@code CALLER_ID} and {@code OUTBOUND_12530}:
 * one record per line, {@code cdrId|callingMsisdn|calledMsisdn|contentCode|event|yyyyMMddHHmmss}
 * (Asia/Shanghai local time).
 *
 * <ul>
 *   <li>Lines are split on any line break (LF, CRLF, CR); blank lines and lines whose first non-blank
 *       character is {@code #} are skipped and yield no result, but are counted in the index, which is the
 *       0-based line number. A leading byte-order mark is ignored.</li>
 *   <li>Every field is trimmed (trailing spaces, tabs, CR).</li>
 *   <li>Events: CRBT {@code PLAY} → E1, {@code ORDER_1#} → E3, {@code N#} → E4; CALLER_ID {@code DISPLAY} →
 *       E1; OUTBOUND_12530 {@code VIDEO_SHOWN} → E1, {@code N#} → E4 (case-insensitive); delta always 1.</li>
 *   <li>User: CRBT the calling party, CALLER_ID and OUTBOUND_12530 the called party. Only that party must
 *       be a mainland mobile number; the other one is not used and not checked (it is often a landline,
 *       a service number or withheld).</li>
 *   <li>Entity: CONTENT {@code contentCode}; eventId {@code cdrId}; source the channel name.</li>
 * </ul>
 * Checks run in field order and the first failure is the reason.
 */
public final class CdrParser {

    public static final Set<Channel> CHANNELS =
            Collections.unmodifiableSet(EnumSet.of(Channel.CRBT, Channel.CALLER_ID, Channel.OUTBOUND_12530));

    static final int FIELDS = 6;

    private static final Map<Channel, Map<String, Indicator>> EVENTS = new EnumMap<>(Channel.class);

    static {
        EVENTS.put(Channel.CRBT, eventMap("PLAY", Indicator.E1, "ORDER_1#", Indicator.E3, "N#", Indicator.E4));
        EVENTS.put(Channel.CALLER_ID, eventMap("DISPLAY", Indicator.E1));
        EVENTS.put(Channel.OUTBOUND_12530, eventMap("VIDEO_SHOWN", Indicator.E1, "N#", Indicator.E4));
    }

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private final UserKeys keys;

    public CdrParser(UserKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** The CDR event codes of a channel and their indicators, in documentation order. */
    public static Map<String, Indicator> events(Channel channel) {
        Map<String, Indicator> m = EVENTS.get(channel);
        if (m == null) {
            throw new IllegalArgumentException(channel + " does not send CDR lines");
        }
        return m;
    }

    /**
     * Parses a body of CDR lines.
     *
     * @throws ParseException {@code EMPTY_BODY}, {@code NO_RECORDS} (only blank/comment lines) or
     *     {@code NOT_CDR} (the body is JSON)
     * @throws IllegalArgumentException when {@code channel} is not a CDR channel
     */
    public List<RecordResult> parse(Channel channel, String body, Instant now) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(now, "now");
        events(channel);
        String b = stripBom(body);
        if (b == null || b.isBlank()) {
            throw new ParseException(ParseException.EMPTY_BODY, "the request body is empty");
        }
        String t = b.strip();
        if (t.startsWith("{") || t.startsWith("[")) {
            throw new ParseException(ParseException.NOT_CDR, "channel " + channel
                    + " expects '|'-separated CDR lines (cdrId|callingMsisdn|calledMsisdn|contentCode|event|yyyyMMddHHmmss), but the body is JSON");
        }
        String[] lines = b.split("\\R", -1);
        List<RecordResult> results = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            results.add(parseLine(channel, i, line, now));
        }
        if (results.isEmpty()) {
            throw new ParseException(ParseException.NO_RECORDS, "the body has only blank and comment lines");
        }
        return results;
    }

    /** Parses one non-blank, non-comment line. */
    public RecordResult parseLine(Channel channel, int index, String line, Instant now) {
        try {
            return RecordResult.accepted(index, map(channel, line, now));
        } catch (Reject r) {
            return RecordResult.rejected(index, r.reason());
        }
    }

    private CanonicalEvent map(Channel channel, String line, Instant now) {
        Map<String, Indicator> allowed = events(channel);
        String[] f = line.split("\\|", -1);
        if (f.length != FIELDS) {
            throw new Reject("MALFORMED_LINE: expected " + FIELDS + " '|'-separated fields, found " + f.length);
        }
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].strip();
        }
        String cdrId = id(f[0], "cdrId");
        boolean calling = channel == Channel.CRBT;
        String party = calling ? "callingMsisdn" : "calledMsisdn";
        String raw = calling ? f[1] : f[2];
        if (raw.isEmpty()) {
            throw Reject.missing(party);
        }
        String msisdn = PhoneNumbers.normalize(raw)
                .orElseThrow(() -> new Reject("BAD_PHONE: " + party + " is not a mainland mobile number"));
        String contentCode = id(f[3], "contentCode");
        if (f[4].isEmpty()) {
            throw Reject.missing("event");
        }
        Indicator indicator = allowed.get(f[4].toUpperCase(Locale.ROOT));
        if (indicator == null) {
            throw new Reject("UNKNOWN_EVENT: " + Reasons.quote(f[4]) + " is not valid for " + channel + " ("
                    + String.join(", ", allowed.keySet()) + ")");
        }
        if (f[5].isEmpty()) {
            throw Reject.missing("time");
        }
        OffsetDateTime at = localTime(f[5]);
        Times.checkBounds("time", at.toInstant(), now);
        return new CanonicalEvent(cdrId, channel.name(), channel, channel.network(), indicator,
                EntityType.CONTENT, contentCode, null, Times.format(at), keys.forMsisdn(msisdn), 1);
    }

    private static OffsetDateTime localTime(String text) {
        if (text.length() != 14 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Reject("BAD_TIMESTAMP: time must be yyyyMMddHHmmss (14 digits, Asia/Shanghai local time)");
        }
        try {
            return LocalDateTime.parse(text, TIME).atZone(Period.ZONE).toOffsetDateTime();
        } catch (DateTimeException e) {
            throw new Reject("BAD_TIMESTAMP: time is not a real calendar date and time");
        }
    }

    private static String id(String value, String field) {
        if (value.isEmpty()) {
            throw Reject.missing(field);
        }
        if (!EntityIds.isValid(value)) {
            throw Reject.badId(field, value);
        }
        return value;
    }

    private static Map<String, Indicator> eventMap(Object... pairs) {
        Map<String, Indicator> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Indicator) pairs[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    static String stripBom(String body) {
        return body != null && !body.isEmpty() && body.charAt(0) == '\uFEFF' ? body.substring(1) : body;
    }
}
