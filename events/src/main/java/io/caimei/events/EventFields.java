package io.caimei.events;

/** The fields of a canonical event while a reader fills them in, in whatever order the record gives them. */
final class EventFields {

    String eventId;
    String source;
    Channel channel;
    Network network;
    Indicator indicator;
    EntityType entityType;
    String entityId;
    String attributedFrom;
    String occurredAt;
    String userKey;
    int delta;

    CanonicalEvent event() {
        return new CanonicalEvent(eventId, source, channel, network, indicator, entityType, entityId, attributedFrom,
                occurredAt, userKey, delta);
    }
}
