package io.caimei.ingest.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import io.caimei.common.kafka.ConsumerLoop;
import io.caimei.common.kafka.ConsumerProperties;
import io.caimei.events.Channel;
import io.caimei.events.Topics;
import io.caimei.ingest.config.IngestConfig;
import io.caimei.ingest.mapping.NativeFormats;
import io.caimei.ingest.mapping.ParseException;
import io.caimei.ingest.mapping.RecordResult;
import io.caimei.ingest.service.EventProducer.DeadLetter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Bulk feeds on {@code caimei.raw.<channel>}: one native record per Kafka record, the same adapters and rules
 * as HTTP. Offsets are committed only after the good records are in {@code caimei.events.v1} and the bad ones
 * in the dead-letter topic with their reason (at least once; dedupe makes a redelivery count once).
 */
@ApplicationScoped
public class RawTopicConsumer {

    private final IngestConfig config;
    private final NativeFormats formats;
    private final IngestService ingest;
    private final EventProducer producer;
    private final String prefix;
    private final ConsumerLoop loop;

    public RawTopicConsumer(IngestConfig config, NativeFormats formats, IngestService ingest, EventProducer producer) {
        this.config = config;
        this.formats = formats;
        this.ingest = ingest;
        this.producer = producer;
        this.prefix = config.kafka().topicPrefix() + Topics.RAW_PREFIX;
        IngestConfig.Ingest i = config.ingest();
        this.loop = new ConsumerLoop("caimei-raw-consumer", this::newConsumer, new Handler(),
                new ConsumerLoop.Timing(i.rawPollTimeout(), i.rawRestartDelay(), i.rawStopTimeout()));
    }

    void start(@Observes StartupEvent ev) {
        if (config.ingest().rawTopicsEnabled()) {
            loop.start();
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        loop.stop();
    }

    private void process(ConsumerRecords<String, String> records) {
        Map<Channel, List<RecordResult>> byChannel = new LinkedHashMap<>();
        List<DeadLetter> letters = new ArrayList<>();
        Instant now = Instant.now();
        for (ConsumerRecord<String, String> r : records) {
            String where = r.topic() + "-" + r.partition() + "@" + r.offset();
            Channel channel = Channel.parse(r.topic().substring(prefix.length())).orElse(null);
            if (channel == null) {
                letters.add(DeadLetter.of(where, "UNKNOWN_CHANNEL: topic " + r.topic() + " names no channel"));
                continue;
            }
            try {
                for (RecordResult res : formats.parse(channel, r.value(), now)) {
                    if (res.isAccepted()) {
                        byChannel.computeIfAbsent(channel, k -> new ArrayList<>()).add(res);
                    } else {
                        letters.add(DeadLetter.of(where, res.reason()));
                    }
                }
            } catch (ParseException e) {
                letters.add(DeadLetter.of(where, e.getMessage()));
            }
        }
        for (List<RecordResult> accepted : byChannel.values()) {
            ingest.ingest(accepted);
        }
        if (!letters.isEmpty()) {
            producer.deadLetter(letters);
        }
    }

    private Consumer<String, String> newConsumer() {
        IngestConfig.Ingest i = config.ingest();
        return new KafkaConsumer<>(ConsumerProperties.manualCommit(config.kafka(), i.rawGroupId())
                .maxPollRecords(i.rawMaxPollRecords()).metadataMaxAge(i.rawMetadataMaxAge()).build());
    }

    /** Subscribes to every raw topic; commits a poll's offsets once all its records are handed on. */
    private final class Handler implements ConsumerLoop.Handler {

        @Override
        public void subscribe(Consumer<String, String> consumer) {
            consumer.subscribe(Pattern.compile(Pattern.quote(prefix) + "[a-z0-9_]+"));
        }

        @Override
        public void handle(Consumer<String, String> consumer, ConsumerRecords<String, String> records) {
            process(records);
            consumer.commitSync();
        }
    }
}
