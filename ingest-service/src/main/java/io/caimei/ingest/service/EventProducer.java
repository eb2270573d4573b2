package io.caimei.ingest.service;

import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caimei.common.kafka.ProducerProperties;
import io.caimei.events.CanonicalEvent;
import io.caimei.events.CanonicalEventJson;
import io.caimei.events.Topics;
import io.caimei.ingest.config.IngestConfig;

/**
 * Hands canonical events to Kafka durably: all records of a request are sent at once (batched by the producer)
 * and the call returns only when the broker has acknowledged every one with acks=all.
 */
@ApplicationScoped
public class EventProducer {

    private final KafkaProducer<String, String> producer;
    private final ObjectMapper json;
    private final String eventsTopic;
    private final String dlqTopic;
    private final long timeoutMillis;

    public EventProducer(IngestConfig config, ObjectMapper json) {
        this.json = json;
        this.eventsTopic = config.kafka().topicPrefix() + Topics.EVENTS;
        this.dlqTopic = config.kafka().topicPrefix() + Topics.DLQ;
        IngestConfig.Ingest ingest = config.ingest();
        this.timeoutMillis = ingest.sendTimeout().toMillis();
        this.producer = new KafkaProducer<>(ProducerProperties.durable(config.kafka(), "caimei-ingest")
                .linger(ingest.producerLinger()).batchBytes(ingest.producerBatchBytes())
                .deliveryTimeout(ingest.sendTimeout(), ingest.sendRequestTimeout()).maxBlock(ingest.sendMaxBlock())
                .build());
    }

    /** Sends every event keyed by its entity id; throws {@link DeliveryFailedException} unless all are acknowledged. */
    public void sendAll(List<CanonicalEvent> events) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        try {
            for (CanonicalEvent e : events) {
                acks.add(producer.send(new ProducerRecord<>(eventsTopic, e.entityId(), CanonicalEventJson.write(e))));
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            for (Future<RecordMetadata> f : acks) {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailedException("interrupted");
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new DeliveryFailedException(e.getClass().getSimpleName());
        }
    }

    /** Dead-letters raw-topic records that failed validation, with the reason; waits for the acknowledgement. */
    public void deadLetter(List<DeadLetter> letters) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try {
            for (DeadLetter d : letters) {
                acks.add(producer.send(new ProducerRecord<>(dlqTopic, d.record(), json.writeValueAsString(d))));
            }
            for (Future<RecordMetadata> f : acks) {
                f.get(timeoutMillis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailedException("interrupted");
        } catch (ExecutionException | TimeoutException | RuntimeException | JsonProcessingException e) {
            throw new DeliveryFailedException(e.getClass().getSimpleName());
        }
    }

    @PreDestroy
    void close() {
        producer.close();
    }

    /**
     * A raw-topic record that was not accepted: its position ({@code topic-partition@offset}) and the reason, never
     * its content (it may hold a phone number). Keyed by the position in the dead-letter topic.
     */
    public record DeadLetter(String record, String reason, String at) {

        public static DeadLetter of(String record, String reason) {
            return new DeadLetter(record, reason, Instant.now().toString());
        }
    }

    /** Kafka did not acknowledge every record in time; the request must fail so the client retries. */
    public static class DeliveryFailedException extends RuntimeException {
        public DeliveryFailedException(String cause) {
            super("events could not be handed to Kafka (" + cause + ")", null, false, false);
        }
    }
}
