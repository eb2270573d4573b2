package io.caimei.scoring.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.caimei.events.CanonicalEvent;
import io.caimei.events.CanonicalEventJson;
import io.caimei.events.IsoTimes;

/** Reads a record of the events topic as a canonical event; anything else is dead-lettered, never counted. */
@ApplicationScoped
public class EventReader {

    private static final Logger LOG = Logger.getLogger(EventReader.class);

    private final DeadLetters deadLetters;

    public EventReader(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /**
     * The event with its instant (parsed once, here), or null when the record is unreadable or misses a field scoring
     * needs; such a record is dead-lettered.
     */
    public Read read(ConsumerRecord<String, String> r) {
        try {
            CanonicalEvent e = CanonicalEventJson.read(r.value());
            if (e.indicator() == null || e.entityId() == null || e.occurredAt() == null || e.entityType() == null) {
                throw new IllegalArgumentException("missing field");
            }
            return new Read(e, IsoTimes.instant(e.occurredAt()));
        } catch (Exception ex) {
            // ingest validates everything, so this is a foreign record: never count it, never stop for it
            LOG.warnf("skipping unreadable record %s-%d@%d: %s", r.topic(), r.partition(), r.offset(),
                    ex.getClass().getSimpleName());
            deadLetters.unreadable(r.topic(), r.partition(), r.offset(), ex.getClass().getSimpleName());
            return null;
        }
    }

    /** A readable event and the instant it occurred. */
    public record Read(CanonicalEvent event, Instant at) {
    }
}
