package io.caimei.ingest.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.caimei.events.CanonicalEvent;
import io.caimei.events.Channel;
import io.caimei.events.EntityType;
import io.caimei.events.Indicator;
import io.caimei.events.PhoneNumbers;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * 5G message status reports of channel {@code MSG_5G}: a JSON array, one JSON object, or NDJSON of
 * {@code {"messageId","msisdn","contentId","status":"DISPLAYED"|"CLICKED","timestamp":epochMillis}}.
 *
 * <p>{@code DISPLAYED} → E1, {@code CLICKED} → E4 (case-insensitive), delta 1; user = {@code msisdn}; entity
 * CONTENT {@code contentId}; eventId {@code messageId}; source {@code MSG_5G}; occurredAt = the instant at
 * +08:00 (milliseconds kept when non-zero, e.g. {@code 2024-02-14T20:15:03.250+08:00}). Types are strict:
 * {@code msisdn} must be a JSON string and {@code timestamp} a JSON integer. Unknown fields are ignored.
 */
public final class FiveGMessageParser {

    public static final Channel CHANNEL = Channel.MSG_5G;

    private static final Map<String, Indicator> STATUSES;

    static {
        Map<String, Indicator> m = new LinkedHashMap<>();
        m.put("DISPLAYED", Indicator.E1);
        m.put("CLICKED", Indicator.E4);
        STATUSES = Collections.unmodifiableMap(m);
    }

    private final UserKeys keys;

    public FiveGMessageParser(UserKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** The statuses and their indicators. */
    public static Map<String, Indicator> statuses() {
        return STATUSES;
    }

    /**
     * @throws ParseException {@code EMPTY_BODY}, {@code NOT_JSON} or {@code NO_RECORDS}
     */
    public List<RecordResult> parse(String body, Instant now) {
        Objects.requireNonNull(now, "now");
        return JsonRecords.mapAll(body, "channel MSG_5G expects a JSON array or "
                + "newline-delimited JSON objects {messageId, msisdn, contentId, status, timestamp}", n -> map(n, now));
    }

    /** Maps one JSON object. */
    public RecordResult parseRecord(int index, JsonNode node, Instant now) {
        return JsonRecords.mapOne(index, node, n -> map(n, now));
    }

    private CanonicalEvent map(JsonNode node, Instant now) {
        String messageId = JsonRecords.id(node, "messageId");
        String raw = JsonRecords.text(node, "msisdn");
        String msisdn = PhoneNumbers.normalize(raw)
                .orElseThrow(() -> new Reject("BAD_PHONE: msisdn is not a mainland mobile number"));
        String contentId = JsonRecords.id(node, "contentId");
        String status = JsonRecords.text(node, "status");
        Indicator indicator = STATUSES.get(status.toUpperCase(Locale.ROOT));
        if (indicator == null) {
            throw new Reject("UNKNOWN_STATUS: " + Reasons.quote(status) + " is not one of "
                    + String.join(", ", STATUSES.keySet()));
        }
        long millis = JsonRecords.integer(node, "timestamp", "epoch milliseconds");
        Instant at = Instant.ofEpochMilli(millis);
        Times.checkBounds("timestamp", at, now);
        return new CanonicalEvent(messageId, CHANNEL.name(), CHANNEL, CHANNEL.network(), indicator,
                EntityType.CONTENT, contentId, null, Times.format(at.atOffset(Times.CHINA)),
                keys.forMsisdn(msisdn), 1);
    }
}
