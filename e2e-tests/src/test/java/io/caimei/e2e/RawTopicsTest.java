package io.caimei.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.path.json.JsonPath;

/** Bulk feeds on caimei.raw.<channel>: the same adapters and rules as HTTP; bad records dead-lettered. Year 2014. */
@ExtendWith(Stack.class)
class RawTopicsTest {

    @Test
    void rawCdrAndTrackingRecordsAreCountedAndABadOneIsDeadLetteredWithItsReason() throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.KAFKA);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        String pre = Stack.topicPrefix();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(pre + "caimei.raw.crbt", "raw-1|+86 138-0013-8000|13900139000|raw-content|PLAY|20140404101500")).get();
            producer.send(new ProducerRecord<>(pre + "caimei.raw.crbt", "raw-2|13800138000|13900139000|raw-content|ORDER_1#|20140404101600")).get();
            producer.send(new ProducerRecord<>(pre + "caimei.raw.crbt", "raw-3|13800138000|13900139000|raw-content|SING|20140404101700")).get();
            producer.send(new ProducerRecord<>(pre + "caimei.raw.migu_app", "{\"eid\":\"raw-4\",\"uid\":\"u-1\",\"act\":\"share\","
                    + "\"target\":{\"type\":\"CONTENT\",\"id\":\"raw-content\"},\"t\":\"2014-04-04T10:18:00+08:00\"}")).get();
            // a redelivered record is a duplicate, not a second count
            producer.send(new ProducerRecord<>(pre + "caimei.raw.crbt", "raw-1|+86 138-0013-8000|13900139000|raw-content|PLAY|20140404101500")).get();
        }
        JsonPath e = Api.awaitExplanation("raw-content", "2014-04-04", j -> j.getLong("raw.E7") == 1,
                Duration.ofSeconds(90));
        assertEquals(1L, e.getLong("raw.E1"));
        assertEquals(1L, e.getLong("raw.E3"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String dlq = "";
        while (System.nanoTime() < deadline && !dlq.contains("UNKNOWN_EVENT")) {
            dlq = Pii.kafka(pre + "caimei.events.dlq.v1");
            Thread.sleep(500);
        }
        assertTrue(dlq.contains("UNKNOWN_EVENT") && dlq.contains("caimei.raw.crbt-0@2"), dlq);
        assertFalse(dlq.contains("13800138000"), "the dead letter names the record's place, not its content");
    }
}
