package io.caimei.common.kafka;

import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import io.caimei.common.config.KafkaSettings;

/**
 * The one producer configuration of every service: durable (acks=all, idempotent, so a retry never writes a record
 * twice), lz4-compressed, string keys and values; callers add their own batching and time limits.
 */
public final class ProducerProperties {

    private final Properties p;
    private Duration deliveryTimeout;
    private Duration requestTimeout;

    private ProducerProperties(KafkaSettings kafka, String clientId) {
        p = kafka.connection();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    }

    /** A durable producer named {@code clientId} in the broker's metrics and logs. */
    public static ProducerProperties durable(KafkaSettings kafka, String clientId) {
        return new ProducerProperties(kafka, clientId);
    }

    /** How long a record may wait for companions before its batch is sent. */
    public ProducerProperties linger(Duration linger) {
        p.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(linger.toMillis()));
        return this;
    }

    public ProducerProperties batchBytes(int bytes) {
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(bytes));
        return this;
    }

    /** How long {@code send} may block when the buffer is full or the topic's metadata is unknown. */
    public ProducerProperties maxBlock(Duration maxBlock) {
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(maxBlock.toMillis()));
        return this;
    }

    /**
     * How long a record may take to be acknowledged, retries included; one request is capped at
     * {@code requestTimeout} and never longer than the whole delivery (Kafka refuses that combination).
     */
    public ProducerProperties deliveryTimeout(Duration delivery, Duration requestTimeout) {
        this.deliveryTimeout = delivery;
        this.requestTimeout = requestTimeout;
        return this;
    }

    public Properties build() {
        Properties copy = new Properties();
        copy.putAll(p);
        if (deliveryTimeout != null) {
            copy.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(deliveryTimeout.toMillis()));
            copy.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                    Long.toString(Math.min(deliveryTimeout.toMillis(), requestTimeout.toMillis())));
        }
        return copy;
    }
}
