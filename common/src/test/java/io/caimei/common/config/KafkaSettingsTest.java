package io.caimei.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** What every producer and consumer of a service connects with, from {@code caimei.kafka.*}. */
class KafkaSettingsTest {

    /** Settings as a service's typed configuration would give them. */
    private record Settings(String bootstrapServers, String securityProtocol, Optional<String> saslMechanism,
            Optional<String> saslJaasConfig, Optional<String> topicPrefixOverride) implements KafkaSettings {
    }

    private static Settings local() {
        return new Settings("127.0.0.1:9092", "PLAINTEXT", Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void aLocalBrokerIsReachedInPlaintextWithoutAnySaslSetting() {
        Properties p = local().connection();
        assertEquals("127.0.0.1:9092", p.get("bootstrap.servers"));
        assertEquals("PLAINTEXT", p.get("security.protocol"));
        assertFalse(p.containsKey("sasl.mechanism"), "an empty mechanism would make the client refuse to start");
        assertFalse(p.containsKey("sasl.jaas.config"));
        assertEquals(2, p.size());
    }

    @Test
    void aKafkaUsersScramCredentialsReachEveryClient() {
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";";
        Properties p = new Settings("kafka:9093", "SASL_SSL", Optional.of("SCRAM-SHA-512"), Optional.of(jaas),
                Optional.empty()).connection();
        assertEquals("kafka:9093", p.get("bootstrap.servers"));
        assertEquals("SASL_SSL", p.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", p.get("sasl.mechanism"));
        assertEquals(jaas, p.get("sasl.jaas.config"));
    }

    @Test
    void productionTopicsHaveNoPrefixAndTestsGetTheirOwn() {
        assertEquals("", local().topicPrefix());
        Settings tests = new Settings("127.0.0.1:9092", "PLAINTEXT", Optional.empty(), Optional.empty(),
                Optional.of("test."));
        assertEquals("test.", tests.topicPrefix());
    }

    @Test
    void eachCallGivesAFreshCopyACallerMayTune() {
        Settings settings = local();
        settings.connection().put("acks", "all");
        assertFalse(settings.connection().containsKey("acks"), "one client's tuning must not leak into another's");
    }
}
