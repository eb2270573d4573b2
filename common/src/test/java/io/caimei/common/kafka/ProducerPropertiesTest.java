package io.caimei.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.caimei.common.config.KafkaSettings;

/** The one producer and consumer configuration every service builds its Kafka clients from. */
class ProducerPropertiesTest {

    private record Settings(String bootstrapServers, String securityProtocol, Optional<String> saslMechanism,
            Optional<String> saslJaasConfig, Optional<String> topicPrefixOverride) implements KafkaSettings {
    }

    private static final KafkaSettings LOCAL = new Settings("127.0.0.1:9092", "PLAINTEXT", Optional.empty(),
            Optional.empty(), Optional.empty());

    @Test
    void everyProducerWaitsForAllReplicasAndNeverWritesARetryTwice() {
        Properties p = ProducerProperties.durable(LOCAL, "caimei-test").linger(Duration.ofMillis(5)).build();
        assertEquals("all", p.get("acks"));
        assertEquals("true", p.get("enable.idempotence"));
        assertEquals("lz4", p.get("compression.type"));
        assertEquals("5", p.get("linger.ms"));
        assertEquals("caimei-test", p.get("client.id"));
        assertEquals("127.0.0.1:9092", p.get("bootstrap.servers"));
        assertFalse(p.containsKey("delivery.timeout.ms"), "Kafka's default unless a service sets one");
    }

    @Test
    void oneRequestNeverOutlastsTheWholeDelivery() {
        Properties shortSend = ProducerProperties.durable(LOCAL, "c")
                .deliveryTimeout(Duration.ofSeconds(5), Duration.ofSeconds(15)).build();
        assertEquals("5000", shortSend.get("delivery.timeout.ms"));
        assertEquals("5000", shortSend.get("request.timeout.ms"));
        Properties longSend = ProducerProperties.durable(LOCAL, "c")
                .deliveryTimeout(Duration.ofSeconds(30), Duration.ofSeconds(15)).build();
        assertEquals("15000", longSend.get("request.timeout.ms"));
    }

    @Test
    void consumersCommitTheirOwnOffsetsAndANewGroupStartsFromTheBeginning() {
        Properties p = ConsumerProperties.manualCommit(LOCAL, "caimei-scoring").maxPollRecords(5000).readCommitted()
                .build();
        assertEquals("caimei-scoring", p.get("group.id"));
        assertEquals("false", p.get("enable.auto.commit"));
        assertEquals("earliest", p.get("auto.offset.reset"));
        assertEquals("5000", p.get("max.poll.records"));
        assertEquals("read_committed", p.get("isolation.level"));
    }
}
