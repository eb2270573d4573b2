package io.caimei.common.config;

import java.util.Optional;

import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Kafka connection and topic naming, shared by the backends' typed configurations ({@code caimei.kafka.*}). */
public interface KafkaSettings {

    @WithName("bootstrap-servers")
    @WithDefault("127.0.0.1:9092")
    String bootstrapServers();

    /** Prepended to every topic name; lets tests run on their own topics beside a live system. */
    @WithName("topic-prefix")
    Optional<String> topicPrefixOverride();

    /** The prefix, empty in production. */
    default String topicPrefix() {
        return topicPrefixOverride().orElse("");
    }
}
