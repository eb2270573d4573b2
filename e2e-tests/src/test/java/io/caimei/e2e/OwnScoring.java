package io.caimei.e2e;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.caimei.events.Channel;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * A scorer and a ranking service of a test class's own, on topics of their own, fed canonical events written
 * straight to Kafka in the order the test says, so the watermark moves exactly as the test says.
 */
final class OwnScoring implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final int scoring;
    final int ranking;
    final String topics;
    private final List<Process> processes = new ArrayList<>();
    private final KafkaProducer<String, String> producer;
    private int sequence;

    OwnScoring(String name, int scoring, int ranking, List<String> scoringFlags) throws Exception {
        this.scoring = scoring;
        this.ranking = ranking;
        Stack.start(); // infrastructure checks, tables, and the shared settings
        String run = name + Long.toString(System.nanoTime(), 36);
        topics = "e2e-" + run + ".";
        Stack.createTopics(topics);
        Process r = Stack.launch("ranking-service", ranking, topics, "e2e-" + run + "-ranking",
                List.of("-Dquarkus.rest-client.scoring.url=http://127.0.0.1:" + scoring), name + "-ranking");
        List<String> flags = new java.util.ArrayList<>(scoringFlags);
        flags.add("-Dquarkus.rest-client.catalog.url=http://127.0.0.1:" + ranking);
        Process s = Stack.launch("scoring-service", scoring, topics, "e2e-" + run + "-scoring", flags,
                name + "-scoring");
        processes.add(r);
        processes.add(s);
        Stack.awaitReady("ranking-service", r, ranking);
        Stack.awaitReady("scoring-service", s, scoring);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.KAFKA);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(p);
    }

    /** Writes n canonical events of one channel straight to the events topic, as ingest would, and waits for the acks. */
    void send(Channel channel, String indicator, String entity, String at, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            Map<String, Object> e = new HashMap<>(Api.event(topics + (sequence++), channel.name(), indicator,
                    "CONTENT", entity, at, "uid:viewer-" + i));
            e.put("network", channel.network().name());
            producer.send(new ProducerRecord<>(topics + "caimei.events.v1", entity, JSON.writeValueAsString(e))).get();
        }
    }

    Response board(String period) {
        return given().baseUri("http://127.0.0.1:" + ranking).auth().oauth2(Tokens.user("analyst"))
                .get("/v1/boards/content-heat/periods/{p}", period);
    }

    /** The board's page once it matches, within 60 s. */
    JsonPath await(String period, Predicate<JsonPath> until) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            Response r = board(period);
            last = r.asString();
            try {
                if (r.statusCode() == 200 && until.test(r.jsonPath())) {
                    return r.jsonPath();
                }
            } catch (RuntimeException e) {
                // not there yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(period + " never matched; last: " + last);
    }

    /** An entity's explanation in a period from the scorer, or null while it has none. */
    JsonPath explanation(String entity, String period) {
        Response r = given().baseUri("http://127.0.0.1:" + scoring).auth().oauth2(Tokens.user("analyst"))
                .get("/v1/entities/{e}/periods/{p}/explanation", entity, period);
        return r.statusCode() == 200 ? r.jsonPath() : null;
    }

    /** The scorer's watermark, each channel's, and the closed periods. */
    JsonPath periods() {
        return given().baseUri("http://127.0.0.1:" + scoring).auth().oauth2(Tokens.user("analyst"))
                .get("/v1/periods").then().statusCode(200).extract().jsonPath();
    }

    @Override
    public void close() {
        producer.close();
        processes.forEach(Process::destroy);
    }
}
