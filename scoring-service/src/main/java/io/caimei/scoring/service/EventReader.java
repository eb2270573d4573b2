package io.caimei.scoring.service;

import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.caimei.events.CanonicalEvent;

/** Reads a record of the events topic as a canonical event; anything else is dead-lettered, never counted. */
@ApplicationScoped
public class EventReader {

    private static final Logger LOG = Logger.getLogger(EventReader.class);

    private final ObjectMapper json;
    private final DeadLetters deadLetters;

    public EventReader(ObjectMapper json, DeadLetters deadLetters) {
        this.json = json;
        this.deadLetters = deadLetters;
    }

    /** The event, or empty when the record is unreadable or misses a field scoring needs. */
    public Optional<CanonicalEvent> read(ConsumerRecord<String, String> r) {
        try {
            CanonicalEvent e = json.readValue(r.value(), CanonicalEvent.class);
            if (e.indicator() == null || e.entityId() == null || e.occurredAt() == null || e.entityType() == null) {
                throw new IllegalArgumentException("missing field");
            }
            OffsetDateTime.parse(e.occurredAt());
            return Optional.of(e);
        } catch (Exception ex) {
            // ingest validates everything, so this is a foreign record: never count it, never stop for it
            LOG.warnf("skipping unreadable record %s-%d@%d: %s", r.topic(), r.partition(), r.offset(),
                    ex.getClass().getSimpleName());
            deadLetters.unreadable(r.topic(), r.partition(), r.offset(), ex.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
