package io.caimei.scoring.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.utils.Utils;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.caimei.common.kafka.ProducerProperties;
import io.caimei.events.PeriodClosed;
import io.caimei.events.PeriodClosedMarker;
import io.caimei.events.ScoreUpdate;
import io.caimei.events.ScoreUpdateJson;
import io.caimei.events.Topics;
import io.caimei.scoring.config.ScoringConfig;

/** Publishes score updates and period closures durably (acks=all), waiting for the broker's answer. */
@ApplicationScoped
public class ScorePublisher {

    /** A scores record holds updates up to about this many characters (the broker takes 1 MB by default). */
    static final int RECORD_CHARS = 256 * 1024;

    private final KafkaProducer<String, String> producer;
    private final ObjectMapper json;
    private final String scoresTopic;
    private final String periodsTopic;
    private final String dlqTopic;

    public ScorePublisher(ScoringConfig config, ObjectMapper json) {
        this.json = json;
        this.scoresTopic = config.kafka().topicPrefix() + Topics.SCORES;
        this.periodsTopic = config.kafka().topicPrefix() + Topics.PERIODS;
        this.dlqTopic = config.kafka().topicPrefix() + Topics.DLQ;
        this.producer = new KafkaProducer<>(ProducerProperties.durable(config.kafka(), "caimei-scoring-publisher")
                .linger(config.scoring().producerLinger()).build());
    }

    /**
     * Sends all updates; {@link Sent#await()} returns once every one is acknowledged. The updates of one partition
     * go out together, a line each in as few records as fit: a record per update cost more in the producer, the
     * broker and the ranking than the update. Each entity's partition is the one Kafka's default partitioner gives
     * its id as key, so an entity's updates stay in one partition, in order, whatever a scorer of another version
     * sends.
     */
    public Sent send(List<ScoreUpdate> updates) {
        int partitions = producer.partitionsFor(scoresTopic).size();
        StringBuilder[] open = new StringBuilder[partitions];
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (ScoreUpdate u : updates) {
            int p = partitionOf(u.entityId(), partitions);
            StringBuilder lines = open[p];
            if (lines == null) {
                lines = open[p] = new StringBuilder(Math.min(RECORD_CHARS, 256 * updates.size()));
            } else {
                lines.append('\n');
            }
            ScoreUpdateJson.append(lines, u);
            if (lines.length() >= RECORD_CHARS) {
                acks.add(producer.send(new ProducerRecord<>(scoresTopic, p, null, lines.toString())));
                open[p] = null;
            }
        }
        for (int p = 0; p < partitions; p++) {
            if (open[p] != null) {
                acks.add(producer.send(new ProducerRecord<>(scoresTopic, p, null, open[p].toString())));
            }
        }
        return new Sent(acks);
    }

    /** Records handed to the producer; {@link #await()} returns once the broker acknowledged every one. */
    public record Sent(List<Future<RecordMetadata>> acks) {

        public void await() {
            ScorePublisher.await(acks);
        }
    }

    /** The partition Kafka's default partitioner gives a record keyed by this entity id. */
    static int partitionOf(String entityId, int partitions) {
        return Utils.toPositive(Utils.murmur2(entityId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** Dead-letters records with their reason (e.g. LATE) and waits for the acknowledgement. */
    public void publishDeadLetters(List<DeadLetter> letters) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(letters.size());
        for (DeadLetter d : letters) {
            acks.add(producer.send(new ProducerRecord<>(dlqTopic, d.key(), write(d))));
        }
        await(acks);
    }

    /**
     * Announces a close on the periods topic and, as a marker, on every partition of the scores topic: a ranking
     * consumer that meets the marker on a partition has seen every score of that partition published before it,
     * so it can freeze the period once all partitions have delivered theirs.
     */
    public void publishClosed(PeriodClosed closed) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        acks.add(producer.send(new ProducerRecord<>(periodsTopic, closed.period(), write(closed))));
        int partitions = producer.partitionsFor(scoresTopic).size();
        String marker = write(new PeriodClosedMarker(closed.period(), partitions, closed.closedAt(), closed.reason()));
        for (int p = 0; p < partitions; p++) {
            acks.add(producer.send(new ProducerRecord<>(scoresTopic, p, null, marker)));
        }
        await(acks);
    }

    private String write(Object o) {
        return write(json.writer(), o);
    }

    private static String write(ObjectWriter writer, Object o) {
        try {
            return writer.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(List<Future<RecordMetadata>> acks) {
        try {
            for (Future<RecordMetadata> f : acks) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
