package io.caimei.scoring.service;

import io.caimei.events.CanonicalEvent;

/**
 * A record the scorer did not count, with the reason: LATE for a closed period (with the event), UNREADABLE for a
 * record that is no canonical event (without it: only its position).
 */
public record DeadLetter(String key, String reason, String period, CanonicalEvent event, String detail) {

    static DeadLetter late(CanonicalEvent e, String period) {
        return new DeadLetter(e.entityId(), "LATE", period, e, "period " + period + " is closed");
    }

    static DeadLetter unreadable(String topic, int partition, long offset, String detail) {
        return new DeadLetter(topic + "-" + partition + "@" + offset, "UNREADABLE", null, null, detail);
    }
}
