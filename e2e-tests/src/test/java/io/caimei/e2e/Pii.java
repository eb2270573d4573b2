package io.caimei.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what a person could read: every record, key and row the run wrote. */
final class Pii {

    private Pii() {
    }

    static String kafka(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.KAFKA);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        StringBuilder out = new StringBuilder();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.currentTimeMillis() + 20_000;
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    out.append(r.key()).append(' ').append(r.value()).append('\n');
                }
            }
        }
        return out.toString();
    }

    static String redis(String prefix) throws Exception {
        StringBuilder out = new StringBuilder();
        try (RedisText redis = new RedisText()) {
            String cursor = "0";
            do {
                List<Object> page = redis.array("SCAN", cursor, "MATCH", prefix + "*", "COUNT", "1000");
                cursor = (String) page.get(0);
                for (Object k : (List<?>) page.get(1)) {
                    String key = (String) k;
                    out.append(key).append('\n');
                    String type = redis.simple("TYPE", key);
                    switch (type) {
                        case "hash" -> out.append(redis.array("HGETALL", key)).append('\n');
                        case "set" -> out.append(redis.array("SMEMBERS", key)).append('\n');
                        case "zset" -> out.append(redis.array("ZRANGE", key, "0", "-1")).append('\n');
                        default -> { }
                    }
                }
            } while (!cursor.equals("0"));
        }
        return out.toString();
    }

    static String postgres() throws Exception {
        StringBuilder out = new StringBuilder();
        try (var c = java.sql.DriverManager.getConnection(Stack.JDBC, "caimei", "caimei");
                var s = c.createStatement()) {
            for (String table : List.of("catalog_entity", "frozen_entry", "frozen_period")) {
                try (var rs = s.executeQuery("SELECT t::text FROM " + table + " t")) {
                    while (rs.next()) {
                        out.append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    /** Every topic of this run except the channels' own raw input feeds (which carry numbers by nature). */
    static String allTopics() throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", Stack.KAFKA);
        StringBuilder out = new StringBuilder();
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(p)) {
            for (String topic : admin.listTopics().names().get()) {
                if (topic.startsWith(Stack.topicPrefix()) && !topic.contains("caimei.raw.")) {
                    out.append(kafka(topic));
                }
            }
        }
        return out.toString();
    }

    /** The fault test's private Redis, from its append-only files on disk (the server is gone by now). */
    static String faultRedisFiles() throws Exception {
        StringBuilder out = new StringBuilder();
        java.nio.file.Path dir = FaultStack.dir().resolve("redis");
        if (java.nio.file.Files.isDirectory(dir)) {
            try (var files = java.nio.file.Files.walk(dir)) {
                for (var f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                    out.append(java.nio.file.Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1));
                }
            }
        }
        return out.toString();
    }

    static String logs() throws Exception {
        StringBuilder out = new StringBuilder();
        try (var files = java.nio.file.Files.list(Stack.logDir())) {
            for (var f : files.toList()) {
                out.append(java.nio.file.Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return out.toString();
    }
}
