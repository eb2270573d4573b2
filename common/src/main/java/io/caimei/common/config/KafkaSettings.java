package io.caimei.common.config;

import java.util.Optional;
import java.util.Properties;

import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Kafka connection, authentication and topic naming, shared by the backends' typed configurations ({@code caimei.kafka.*}). */
public interface KafkaSettings {

    @WithName("bootstrap-servers")
    @WithDefault("127.0.0.1:9092")
    String bootstrapServers();

    /** PLAINTEXT locally; SASL_PLAINTEXT or SASL_SSL where the broker authenticates clients (the chart's KafkaUsers). */
    @WithName("security-protocol")
    @WithDefault("PLAINTEXT")
    String securityProtocol();

    @WithName("sasl-mechanism")
    Optional<String> saslMechanism();

    /** The JAAS line Strimzi writes into the KafkaUser's Secret; a secret, never logged. */
    @WithName("sasl-jaas-config")
    Optional<String> saslJaasConfig();

    /** Prepended to every topic name; lets tests run on their own topics beside a live system. */
    @WithName("topic-prefix")
    Optional<String> topicPrefixOverride();

    /** The prefix, empty in production. */
    default String topicPrefix() {
        return topicPrefixOverride().orElse("");
    }

    /**
     * Where and as whom every producer and consumer of the service connects; {@code io.caimei.common.kafka}'s
     * {@code ProducerProperties} and {@code ConsumerProperties} add the rest.
     */
    default Properties connection() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers());
        p.put("security.protocol", securityProtocol());
        saslMechanism().ifPresent(m -> p.put("sasl.mechanism", m));
        saslJaasConfig().ifPresent(j -> p.put("sasl.jaas.config", j));
        return p;
    }
}
