package io.caimei.events;

/**
 * One counted occurrence on topic {@code caimei.events.v1}, keyed by {@link #entityId()}.
 *
 * @param occurredAt ISO-8601 with offset, kept as text so every service reads the same instant
 * @param userKey pseudonymous user (HMAC of the phone number, or the internet uid)
 * @param delta 1, or -1 for an unfollow; distinct-user indicators ignore it
 */
public record CanonicalEvent(
        String eventId,
        String source,
        Channel channel,
        Network network,
        Indicator indicator,
        EntityType entityType,
        String entityId,
        String attributedFrom,
        String occurredAt,
        String userKey,
        int delta) {

    /** The same occurrence counted for another entity it is attributed to. */
    public CanonicalEvent attributedTo(EntityType type, String id) {
        return new CanonicalEvent(eventId, source, channel, network, indicator, type, id, entityId,
                occurredAt, userKey, delta);
    }
}
