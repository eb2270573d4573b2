package io.caimei.ingest.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.caimei.events.CanonicalEvent;
import io.caimei.events.Channel;
import io.caimei.events.EntityType;
import io.caimei.events.Indicator;
import io.caimei.events.IsoTimes;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tracking events of the internet channels {@code MIGU_APP}, {@code MINI_PROGRAM}, {@code CMCC_APP_SDK}
 * and {@code H5}: a JSON array, one JSON object, or NDJSON of
 * {@code {"eid","uid","act","target":{"type","id"},"t":"ISO-8601 with offset"}}.
 *
 * <p>act (case-insensitive) → indicator: play E5, like E6, share E7, comment E8, favorite E9, follow E10
 * (+1), unfollow E10 (−1), publish E11, tool_use E12, tool_pay E13, order E3, subscribe E3. target.type is
 * an {@link EntityType} name (case-insensitive), target.id the entity id. User = {@link UserKeys#forUid}
 * of {@code uid} (a phone number becomes the same key as on the telecom network). {@code t} must carry an
 * explicit offset; occurredAt keeps that offset, written with {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}
 * (seconds always present). eventId {@code eid}; source the channel name. Unknown fields are ignored.
 */
public final class TrackingEventParser {

    public static final Set<Channel> CHANNELS = Collections.unmodifiableSet(
            EnumSet.of(Channel.MIGU_APP, Channel.MINI_PROGRAM, Channel.CMCC_APP_SDK, Channel.H5));

    /** What an act counts as. */
    public record Action(Indicator indicator, int delta) {
    }

    private static final Map<String, Action> ACTIONS;

    static {
        Map<String, Action> m = new LinkedHashMap<>();
        m.put("play", new Action(Indicator.E5, 1));
        m.put("like", new Action(Indicator.E6, 1));
        m.put("share", new Action(Indicator.E7, 1));
        m.put("comment", new Action(Indicator.E8, 1));
        m.put("favorite", new Action(Indicator.E9, 1));
        m.put("follow", new Action(Indicator.E10, 1));
        m.put("unfollow", new Action(Indicator.E10, -1));
        m.put("publish", new Action(Indicator.E11, 1));
        m.put("subscribe", new Action(Indicator.E3, 1));
        m.put("order", new Action(Indicator.E3, 1));
        m.put("tool_use", new Action(Indicator.E12, 1));
        m.put("tool_pay", new Action(Indicator.E13, 1));
        ACTIONS = Collections.unmodifiableMap(m);
    }

    private static final String ENTITY_TYPES =
            Arrays.stream(EntityType.values()).map(Enum::name).collect(Collectors.joining(", "));

    private final UserKeys keys;

    public TrackingEventParser(UserKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** The acts and what they count as, in documentation order. */
    public static Map<String, Action> actions() {
        return ACTIONS;
    }

    /**
     * @throws ParseException {@code EMPTY_BODY}, {@code NOT_JSON} or {@code NO_RECORDS}
     * @throws IllegalArgumentException when {@code channel} is not an internet channel
     */
    public List<RecordResult> parse(Channel channel, String body, Instant now) {
        check(channel);
        Objects.requireNonNull(now, "now");
        return JsonRecords.mapAll(body, "channel " + channel + " expects a JSON array or "
                + "newline-delimited JSON objects {eid, uid, act, target: {type, id}, t}", n -> map(channel, n, now));
    }

    /** Maps one JSON object. */
    public RecordResult parseRecord(Channel channel, int index, JsonNode node, Instant now) {
        check(channel);
        return JsonRecords.mapOne(index, node, n -> map(channel, n, now));
    }

    private static void check(Channel channel) {
        if (!CHANNELS.contains(Objects.requireNonNull(channel, "channel"))) {
            throw new IllegalArgumentException(channel + " does not send tracking events");
        }
    }

    private CanonicalEvent map(Channel channel, JsonNode node, Instant now) {
        String eid = JsonRecords.id(node, "eid");
        String userKey = userKey(JsonRecords.text(node, "uid"));
        String act = JsonRecords.text(node, "act");
        Action action = ACTIONS.get(act.toLowerCase(Locale.ROOT));
        if (action == null) {
            throw new Reject("UNKNOWN_ACTION: " + Reasons.quote(act) + " is not one of "
                    + String.join(", ", ACTIONS.keySet()));
        }
        JsonNode target = JsonRecords.object(node, "target");
        EntityType type = entityType(JsonRecords.text(target, "type", "target.type"));
        String entityId = JsonRecords.id(target, "id", "target.id");
        OffsetDateTime at = offsetTime(JsonRecords.text(node, "t"), "t");
        Times.checkBounds("t", at.toInstant(), now);
        return new CanonicalEvent(eid, channel.name(), channel, channel.network(), action.indicator(), type,
                entityId, null, Times.format(at), userKey, action.delta());
    }

    private String userKey(String uid) {
        try {
            return keys.forUid(uid);
        } catch (IllegalArgumentException e) {
            throw new Reject("BAD_FIELD: uid must be a phone number or " + UserKeys.UID_RULE);
        }
    }

    static EntityType entityType(String value, String field) {
        for (EntityType t : EntityType.values()) {
            if (t.name().equalsIgnoreCase(value)) {
                return t;
            }
        }
        throw new Reject("BAD_FIELD: " + field + " " + Reasons.quote(value) + " is not one of " + ENTITY_TYPES);
    }

    private static EntityType entityType(String value) {
        return entityType(value, "target.type");
    }

    /** An ISO-8601 date-time with an explicit offset; rejects one without. */
    static OffsetDateTime offsetTime(String text, String field) {
        try {
            return IsoTimes.offsetDateTime(text);
        } catch (DateTimeException e) {
            try {
                LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
                throw new Reject("BAD_TIMESTAMP: " + field + " has no UTC offset (e.g. 2024-02-14T20:15:03+08:00)");
            } catch (DateTimeException notLocalEither) {
                throw new Reject("BAD_TIMESTAMP: " + field
                        + " is not an ISO-8601 date-time with offset (e.g. 2024-02-14T20:15:03+08:00)");
            }
        }
    }
}
