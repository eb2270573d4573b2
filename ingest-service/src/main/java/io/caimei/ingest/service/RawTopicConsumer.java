package io.caimei.ingest.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.caimei.events.Channel;
import io.caimei.events.Topics;
import io.caimei.ingest.config.IngestConfig;
import io.caimei.ingest.mapping.NativeFormats;
import io.caimei.ingest.mapping.ParseException;
import io.caimei.ingest.mapping.RecordResult;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Bulk feeds on {@code caimei.raw.<channel>}: one native record per Kafka record, the same adapters and rules
 * as HTTP. Offsets are committed only after the good records are in {@code caimei.events.v1} and the bad ones
 * in the dead-letter topic with their reason (at least once; dedupe makes a redelivery count once).
 */
@ApplicationScoped
public class RawTopicConsumer {

    private static final Logger LOG = Logger.getLogger(RawTopicConsumer.class);

    private final IngestConfig config;
    private final NativeFormats formats;
    private final IngestService ingest;
    private final EventProducer producer;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    public RawTopicConsumer(IngestConfig config, NativeFormats formats, IngestService ingest, EventProducer producer) {
        this.config = config;
        this.formats = formats;
        this.ingest = ingest;
        this.producer = producer;
    }

    void start(@Observes StartupEvent ev) {
        if (!config.ingest().rawTopicsEnabled()) {
            return;
        }
        running.set(true);
        thread = new Thread(this::run, "caimei-raw-consumer");
        thread.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running.set(false);
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void run() {
        String prefix = config.kafka().topicPrefix() + Topics.RAW_PREFIX;
        while (running.get()) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(properties())) {
                consumer = c;
                c.subscribe(Pattern.compile(Pattern.quote(prefix) + "[a-z0-9_]+"));
                while (running.get()) {
                    ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(500));
                    if (!records.isEmpty()) {
                        process(records, prefix);
                        c.commitSync();
                    }
                }
            } catch (WakeupException e) {
                // shutting down
            } catch (RuntimeException e) {
                LOG.errorf("raw topic consumer failed, restarting in 2 s: %s", e.getClass().getSimpleName());
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void process(ConsumerRecords<String, String> records, String prefix) {
        Map<Channel, List<RecordResult>> byChannel = new LinkedHashMap<>();
        List<Object> letters = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        Instant now = Instant.now();
        for (ConsumerRecord<String, String> r : records) {
            String where = r.topic() + "-" + r.partition() + "@" + r.offset();
            Channel channel = Channel.parse(r.topic().substring(prefix.length())).orElse(null);
            if (channel == null) {
                letters.add(letter(where, "UNKNOWN_CHANNEL: topic " + r.topic() + " names no channel"));
                keys.add(where);
                continue;
            }
            try {
                for (RecordResult res : formats.parse(channel, r.value(), now)) {
                    if (res.isAccepted()) {
                        byChannel.computeIfAbsent(channel, k -> new ArrayList<>()).add(res);
                    } else {
                        letters.add(letter(where, res.reason()));
                        keys.add(where);
                    }
                }
            } catch (ParseException e) {
                letters.add(letter(where, e.getMessage()));
                keys.add(where);
            }
        }
        for (List<RecordResult> accepted : byChannel.values()) {
            ingest.ingest(accepted);
        }
        if (!letters.isEmpty()) {
            producer.deadLetter(letters, keys);
        }
    }

    /** A dead letter names the raw record's position, never its content (it may hold a phone number). */
    private static Map<String, Object> letter(String where, String reason) {
        Map<String, Object> m = new HashMap<>();
        m.put("record", where);
        m.put("reason", reason);
        m.put("at", Instant.now().toString());
        return m;
    }

    private Properties properties() {
        Properties p = config.kafka().connection();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "caimei-ingest-raw");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "5000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }

}
