package io.caimei.ingest.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.caimei.events.CanonicalEvent;
import io.caimei.events.Channel;
import io.caimei.events.EntityType;
import io.caimei.events.Indicator;
import io.caimei.events.Network;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Canonical events posted by trusted systems ({@code POST /api/v1/events}): a JSON array, one JSON object,
 * or NDJSON of {@link CanonicalEvent} fields. Checks, in field order:
 * <ul>
 *   <li>{@code eventId}, {@code source}, {@code entityId}: required, {@link Ids} rule;</li>
 *   <li>{@code channel}: required channel name (case-insensitive);</li>
 *   <li>{@code network}: optional, filled from the channel; when given it must match the channel's;</li>
 *   <li>{@code indicator}: required, one that the channel's native format can produce (see
 *       {@link #indicatorsOf}); E2 is derived and never accepted;</li>
 *   <li>{@code entityType}: required {@link EntityType} name (case-insensitive);</li>
 *   <li>{@code attributedFrom}: must be absent or null, since attribution is done by ingest (an attributed
 *       copy sent in would be counted twice);</li>
 *   <li>{@code occurredAt}: required ISO-8601 with offset, same bounds as native records, rewritten with
 *       explicit seconds;</li>
 *   <li>{@code userKey}: required; see {@link UserKeys#forUserKeyField} (hashed keys kept, phone numbers
 *       hashed, other values keyed as uids);</li>
 *   <li>{@code delta}: optional JSON integer, default 1; must be 1, or −1 for E10.</li>
 * </ul>
 * Unknown fields are ignored.
 */
public final class CanonicalEventValidator {

    private static final Map<Channel, Set<Indicator>> INDICATORS = new EnumMap<>(Channel.class);

    static {
        for (Channel c : CdrParser.CHANNELS) {
            INDICATORS.put(c, Collections.unmodifiableSet(EnumSet.copyOf(CdrParser.events(c).values())));
        }
        INDICATORS.put(Channel.MSG_5G,
                Collections.unmodifiableSet(EnumSet.copyOf(FiveGMessageParser.statuses().values())));
        Set<Indicator> internet = EnumSet.noneOf(Indicator.class);
        TrackingEventParser.actions().values().forEach(a -> internet.add(a.indicator()));
        for (Channel c : TrackingEventParser.CHANNELS) {
            INDICATORS.put(c, Collections.unmodifiableSet(EnumSet.copyOf(internet)));
        }
    }

    private static final String CHANNELS =
            EnumSet.allOf(Channel.class).stream().map(Enum::name).collect(Collectors.joining(", "));

    private final UserKeys keys;

    public CanonicalEventValidator(UserKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** The indicators a channel's native format produces (CRBT: E1, E3, E4; internet: E3, E5..E13; ...). */
    public static Set<Indicator> indicatorsOf(Channel channel) {
        return INDICATORS.get(Objects.requireNonNull(channel, "channel"));
    }

    /**
     * @throws ParseException {@code EMPTY_BODY}, {@code NOT_JSON} or {@code NO_RECORDS}
     */
    public List<RecordResult> validate(String body, Instant now) {
        Objects.requireNonNull(now, "now");
        return JsonRecords.mapAll(body, "canonical events are a JSON array or object of CanonicalEvent fields",
                n -> map(n, now));
    }

    /** Validates one JSON object. */
    public RecordResult validateRecord(int index, JsonNode node, Instant now) {
        return JsonRecords.mapOne(index, node, n -> map(n, now));
    }

    private CanonicalEvent map(JsonNode node, Instant now) {
        String eventId = JsonRecords.id(node, "eventId");
        String source = JsonRecords.id(node, "source");
        String channelName = JsonRecords.text(node, "channel");
        Channel channel = Channel.parse(channelName).orElseThrow(() -> new Reject(
                "BAD_FIELD: channel " + Reasons.quote(channelName) + " is not one of " + CHANNELS));
        Network network = channel.network();
        JsonNode n = node.get("network");
        if (n != null && !n.isNull()) {
            String given = JsonRecords.text(node, "network");
            if (!network.name().equalsIgnoreCase(given)) {
                throw new Reject("BAD_FIELD: network " + Reasons.quote(given) + " does not match channel "
                        + channel + " (" + network + ")");
            }
        }
        String indicatorName = JsonRecords.text(node, "indicator");
        Indicator indicator = Indicator.parseOrNull(indicatorName);
        if (indicator == Indicator.E2) {
            throw new Reject("BAD_FIELD: indicator E2 is derived from E1's users and cannot be sent");
        }
        Set<Indicator> allowed = INDICATORS.get(channel);
        if (indicator == null || !allowed.contains(indicator)) {
            throw new Reject("BAD_FIELD: indicator " + Reasons.quote(indicatorName) + " is not produced by channel "
                    + channel + " (" + allowed.stream().map(Enum::name).collect(Collectors.joining(", ")) + ")");
        }
        EntityType entityType = TrackingEventParser.entityType(JsonRecords.text(node, "entityType"), "entityType");
        String entityId = JsonRecords.id(node, "entityId");
        JsonNode from = node.get("attributedFrom");
        if (from != null && !from.isNull()) {
            throw new Reject("BAD_FIELD: attributedFrom must be null; attribution is done by ingest");
        }
        OffsetDateTime at = TrackingEventParser.offsetTime(JsonRecords.text(node, "occurredAt"), "occurredAt");
        Times.checkBounds("occurredAt", at.toInstant(), now);
        String rawKey = JsonRecords.text(node, "userKey");
        String userKey;
        try {
            userKey = keys.forUserKeyField(rawKey);
        } catch (IllegalArgumentException e) {
            throw new Reject("BAD_FIELD: " + e.getMessage());
        }
        int delta = 1;
        JsonNode d = node.get("delta");
        if (d != null && !d.isNull()) {
            long value = JsonRecords.integer(node, "delta", "1, or -1 for E10");
            if (!(value == 1 || (value == -1 && indicator == Indicator.E10))) {
                throw new Reject("BAD_FIELD: delta must be 1, or -1 for E10");
            }
            delta = (int) value;
        }
        return new CanonicalEvent(eventId, source, channel, network, indicator, entityType, entityId, null,
                Times.format(at), userKey, delta);
    }
}
