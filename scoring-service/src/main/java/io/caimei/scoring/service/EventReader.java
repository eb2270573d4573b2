package io.caimei.scoring.service;

import java.time.Instant;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.caimei.events.CanonicalEvent;

/** Reads a record of the events topic as a canonical event; anything else is dead-lettered, never counted. */
@ApplicationScoped
public class EventReader {

    private static final Logger LOG = Logger.getLogger(EventReader.class);

    private final ObjectReader events;
    private final DeadLetters deadLetters;

    public EventReader(ObjectMapper json, DeadLetters deadLetters) {
        this.events = json.readerFor(CanonicalEvent.class);
        this.deadLetters = deadLetters;
    }

    /**
     * The event with its instant (parsed once, here), or null when the record is unreadable or misses a field scoring
     * needs; such a record is dead-lettered.
     */
    public Read read(ConsumerRecord<String, String> r) {
        try {
            CanonicalEvent e = events.readValue(r.value());
            if (e.indicator() == null || e.entityId() == null || e.occurredAt() == null || e.entityType() == null) {
                throw new IllegalArgumentException("missing field");
            }
            return new Read(e, OffsetDateTime.parse(e.occurredAt()).toInstant());
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
