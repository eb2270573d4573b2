package io.caimei.common.kafka;

import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.caimei.common.config.KafkaSettings;

/**
 * The one consumer configuration of the hand-run consumers: string records, offsets committed by the code (never
 * automatically), a new group starting from the earliest record; callers add their own tuning.
 */
public final class ConsumerProperties {

    private final Properties p;

    private ConsumerProperties(KafkaSettings kafka, String groupId) {
        p = kafka.connection();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    }

    /** A consumer of the group that commits its offsets itself. */
    public static ConsumerProperties manualCommit(KafkaSettings kafka, String groupId) {
        return new ConsumerProperties(kafka, groupId);
    }

    public ConsumerProperties maxPollRecords(int records) {
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(records));
        return this;
    }

    /** How many bytes one fetch may bring per partition: with a backlog, a poll can only merge what was fetched. */
    public ConsumerProperties maxPartitionFetchBytes(int bytes) {
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(bytes));
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(Math.max(52_428_800, bytes * 8)));
        return this;
    }

    /** Sees only committed transactions' records. */
    public ConsumerProperties readCommitted() {
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return this;
    }

    /** How soon a pattern subscription notices a newly created topic. */
    public ConsumerProperties metadataMaxAge(Duration age) {
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, Long.toString(age.toMillis()));
        return this;
    }

    /** A fresh copy, so a restarted consumer never shares a mutated instance. */
    public Properties build() {
        Properties copy = new Properties();
        copy.putAll(p);
        return copy;
    }
}
