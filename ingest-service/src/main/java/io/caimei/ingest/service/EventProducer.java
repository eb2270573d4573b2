package io.caimei.ingest.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caimei.events.CanonicalEvent;
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
        this.timeoutMillis = config.ingest().sendTimeout().toMillis();
        Properties p = config.kafka().connection();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(timeoutMillis));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(timeoutMillis, 15000)));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "caimei-ingest");
        this.producer = new KafkaProducer<>(p);
    }

    /** Sends every event keyed by its entity id; throws {@link DeliveryFailedException} unless all are acknowledged. */
    public void sendAll(List<CanonicalEvent> events) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        try {
            for (CanonicalEvent e : events) {
                acks.add(producer.send(new ProducerRecord<>(eventsTopic, e.entityId(), json.writeValueAsString(e))));
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            for (Future<RecordMetadata> f : acks) {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailedException("interrupted");
        } catch (ExecutionException | TimeoutException | RuntimeException | JsonProcessingException e) {
            throw new DeliveryFailedException(e.getClass().getSimpleName());
        }
    }

    /** Dead-letters raw-topic records that failed validation, with the reason; waits for the acknowledgement. */
    public void deadLetter(List<Object> letters, List<String> keys) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try {
            for (int i = 0; i < letters.size(); i++) {
                acks.add(producer.send(new ProducerRecord<>(dlqTopic, keys.get(i), json.writeValueAsString(letters.get(i)))));
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

    /** Kafka did not acknowledge every record in time; the request must fail so the client retries. */
    public static class DeliveryFailedException extends RuntimeException {
        public DeliveryFailedException(String cause) {
            super("events could not be handed to Kafka (" + cause + ")", null, false, false);
        }
    }
}
