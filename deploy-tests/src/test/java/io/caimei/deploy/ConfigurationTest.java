package io.caimei.deploy;

import static io.caimei.deploy.Manifests.fullname;
import static io.caimei.deploy.Manifests.named;
import static io.caimei.deploy.Manifests.ofKind;
import static io.caimei.deploy.Manifests.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Plain settings arrive through ConfigMaps, secrets only as references to existing Secrets. */
class ConfigurationTest {

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|CREDENTIAL|KEY).*");

    private static Map<String, String> config(List<Map<String, Object>> objects, String service) {
        return Manifests.typed(named(objects, "ConfigMap", fullname(service)), ConfigMap.class).getData();
    }

    private static Map<String, EnvVar> env(List<Map<String, Object>> objects, String service) {
        Deployment deployment = Manifests.typed(named(objects, "Deployment", fullname(service)), Deployment.class);
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(fullname(service), container.getEnvFrom().get(0).getConfigMapRef().getName(), service);
        Map<String, EnvVar> env = new HashMap<>();
        container.getEnv().forEach(e -> env.put(e.getName(), e));
        return env;
    }

    private static void assertSecretRef(EnvVar var, String secret, String key) {
        assertNotNull(var, "missing secret env");
        assertNull(var.getValue(), var.getName() + " must not carry a value");
        SecretKeySelector ref = var.getValueFrom().getSecretKeyRef();
        assertEquals(secret, ref.getName(), var.getName());
        assertEquals(key, ref.getKey(), var.getName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-production.yaml"})
    void noSecretValuesAreRendered(String file) {
        List<Map<String, Object>> objects = Manifests.render(Manifests.chart().resolve(file));
        assertTrue(ofKind(objects, "Secret").isEmpty(), "the chart renders no Secret");
        for (String service : Manifests.SERVICES) {
            config(objects, service).keySet().forEach(key ->
                    assertFalse(SECRET_NAME.matcher(key).matches(), service + " ConfigMap holds secret-like " + key));
            env(objects, service).values().stream().filter(e -> SECRET_NAME.matcher(e.getName()).matches())
                    .forEach(e -> assertNotNull(e.getValueFrom().getSecretKeyRef(), service + " " + e.getName()));
        }
    }

    @Test
    void eachServiceGetsExactlyTheSecretsItUsesByTheNamesAndKeysGivenInValues() {
        List<Map<String, Object>> objects = Manifests.render(null);
        Map<String, Map<String, String>> expected = Map.of(
                "gateway", Map.of("CAIMEI_REDIS_PASSWORD", "caimei-redis/gateway",
                        "CAIMEI_GATEWAY_CLIENT_SECRET", "caimei-oidc/client-secret"),
                "ingest-service", Map.of("CAIMEI_REDIS_PASSWORD", "caimei-redis/ingest-service",
                        "KAFKA_SASL_JAAS_CONFIG", "ingest-service/sasl.jaas.config",
                        "CAIMEI_CHANNELS_CLIENT_SECRET", "caimei-channels-oidc/client-secret",
                        "CAIMEI_INGEST_PSEUDONYMIZATION_SECRET", "caimei-ingest/hmac-key"),
                "scoring-service", Map.of("CAIMEI_REDIS_PASSWORD", "caimei-redis/scoring-service",
                        "KAFKA_SASL_JAAS_CONFIG", "scoring-service/sasl.jaas.config",
                        "QUARKUS_DATASOURCE_USERNAME", "caimei-postgres-app/username",
                        "QUARKUS_DATASOURCE_PASSWORD", "caimei-postgres-app/password"),
                "ranking-service", Map.of("CAIMEI_REDIS_PASSWORD", "caimei-redis/ranking-service",
                        "KAFKA_SASL_JAAS_CONFIG", "ranking-service/sasl.jaas.config",
                        "QUARKUS_DATASOURCE_USERNAME", "caimei-postgres-app/username",
                        "QUARKUS_DATASOURCE_PASSWORD", "caimei-postgres-app/password"));
        expected.forEach((service, refs) -> {
            Map<String, String> actual = new HashMap<>();
            env(objects, service).values().stream().filter(e -> e.getValueFrom() != null
                    && e.getValueFrom().getSecretKeyRef() != null).forEach(e -> actual.put(e.getName(),
                    e.getValueFrom().getSecretKeyRef().getName() + "/" + e.getValueFrom().getSecretKeyRef().getKey()));
            assertEquals(refs, actual, service);
        });

        List<Map<String, Object>> renamed = Manifests.render(null, Map.of("postgresql.existingSecret", "pg-creds",
                "oidc.existingSecret", "sso", "redis.existingSecret", "redis-auth"));
        assertSecretRef(env(renamed, "ranking-service").get("QUARKUS_DATASOURCE_PASSWORD"), "pg-creds", "password");
        assertSecretRef(env(renamed, "gateway").get("CAIMEI_GATEWAY_CLIENT_SECRET"), "sso", "client-secret");
        assertSecretRef(env(renamed, "scoring-service").get("CAIMEI_REDIS_PASSWORD"), "redis-auth", "scoring-service");
    }

    @Test
    void eachServiceConnectsToRedisAsItsOwnAclUserAndWithoutASecretAsNobody() {
        List<Map<String, Object>> objects = Manifests.render(null);
        assertEquals("redis://ranking-service:$(CAIMEI_REDIS_PASSWORD)@redis-0.redis-headless.caimei.svc:6379,"
                + "redis://ranking-service:$(CAIMEI_REDIS_PASSWORD)@redis-1.redis-headless.caimei.svc:6379,"
                + "redis://ranking-service:$(CAIMEI_REDIS_PASSWORD)@redis-2.redis-headless.caimei.svc:6379",
                env(objects, "ranking-service").get("QUARKUS_REDIS_HOSTS").getValue());
        assertEquals("cluster", config(objects, "ranking-service").get("QUARKUS_REDIS_CLIENT_TYPE"));
        List<Map<String, Object>> open = Manifests.render(null, Map.of("redis.existingSecret", "", "redis.mode", "standalone",
                "redis.hosts", "redis://redis.example:6379"));
        assertEquals("redis://redis.example:6379", env(open, "gateway").get("QUARKUS_REDIS_HOSTS").getValue());
        assertNull(env(open, "gateway").get("CAIMEI_REDIS_PASSWORD"));
        assertNull(config(open, "gateway").get("QUARKUS_REDIS_CLIENT_TYPE"), "standalone: the default client type");
    }

    @Test
    void servicesGetKafkaPostgresAndOidcSettingsOnlyWhereTheyUseThem() {
        List<Map<String, Object>> objects = Manifests.render(null);
        for (String service : Manifests.SERVICES) {
            Map<String, String> config = config(objects, service);
            assertEquals("8080", config.get("QUARKUS_HTTP_PORT"), service + " listens on 8080 whatever its local port");
            assertEquals("https://sso.caimei.example/realms/caimei", config.get("QUARKUS_OIDC_AUTH_SERVER_URL"), service);
        }
        for (String service : Manifests.BACKENDS) {
            assertEquals("caimei-kafka-bootstrap.caimei.svc:9092", config(objects, service).get("KAFKA_BOOTSTRAP_SERVERS"), service);
            assertEquals("SASL_PLAINTEXT", config(objects, service).get("KAFKA_SECURITY_PROTOCOL"), service);
            assertEquals("SCRAM-SHA-512", config(objects, service).get("KAFKA_SASL_MECHANISM"), service);
        }
        assertNull(config(objects, "gateway").get("KAFKA_BOOTSTRAP_SERVERS"), "the gateway has no Kafka client");
        assertEquals("postgresql://caimei-postgres-rw.caimei.svc:5432/caimei",
                config(objects, "scoring-service").get("QUARKUS_DATASOURCE_REACTIVE_URL"));
        assertEquals("6", config(objects, "scoring-service").get("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE"));
        assertEquals("8", config(objects, "ranking-service").get("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE"));
        assertNull(config(objects, "ingest-service").get("QUARKUS_DATASOURCE_REACTIVE_URL"), "ingest has no database");
        assertNull(config(objects, "gateway").get("QUARKUS_DATASOURCE_REACTIVE_URL"));
        assertEquals("caimei-gateway", config(objects, "gateway").get("QUARKUS_OIDC_CLIENT_ID"));
        assertEquals("caimei-channels", config(objects, "ingest-service").get("QUARKUS_OIDC_CLIENT_CLIENT_ID"));
        assertEquals("true", config(objects, "gateway").get("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING"));
        assertEquals("true", config(objects, "gateway").get("QUARKUS_HTTP_PROXY_ENABLE_FORWARDED_HOST"));
    }

    @Test
    void everyRestClientOfEveryServiceCallsTheServiceOfItsTarget() {
        List<Map<String, Object>> objects = Manifests.render(null);
        Map<String, Map<String, String>> expected = Map.of(
                "gateway", Map.of("QUARKUS_REST_CLIENT_INGEST_URL", "http://caimei-ingest-service:8080",
                        "QUARKUS_REST_CLIENT_SCORING_URL", "http://caimei-scoring-service:8080",
                        "QUARKUS_REST_CLIENT_RANKING_URL", "http://caimei-ranking-service:8080"),
                "ingest-service", Map.of("QUARKUS_REST_CLIENT_CATALOG_URL", "http://caimei-ranking-service:8080"),
                "ranking-service", Map.of("QUARKUS_REST_CLIENT_SCORING_URL", "http://caimei-scoring-service:8080"),
                "scoring-service", Map.of("QUARKUS_REST_CLIENT_CATALOG_URL", "http://caimei-ranking-service:8080"));
        expected.forEach((service, urls) -> {
            Map<String, String> actual = new HashMap<>();
            config(objects, service).forEach((k, v) -> {
                if (k.startsWith("QUARKUS_REST_CLIENT_")) {
                    actual.put(k, v);
                }
            });
            assertEquals(urls, actual, service);
        });
        for (String service : Manifests.SERVICES) {
            assertEquals("8080", str(named(objects, "Service", fullname(service)), "spec.ports.name=http.port"));
        }
    }

    @Test
    void poolsThatWouldExceedPostgresqlConnectionsAtMaxReplicasAreRefused() {
        Manifests.render(Manifests.productionValues());
        IllegalStateException tooMany = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Manifests.render(Manifests.productionValues(), Map.of("services.ranking-service.postgresql.poolSize", 10)));
        assertTrue(tooMany.getMessage().contains("PostgreSQL pools need 192 connections at maxReplicas"
                + " (ranking-service 12 x 10, scoring-service 12 x 6), more than postgresql.maxConnections - reservedConnections = 180"),
                tooMany.getMessage());
    }

    @Test
    void aConfigChangeRollsThePods() {
        String before = str(named(Manifests.render(null), "Deployment", fullname("ranking-service")),
                "spec.template.metadata.annotations.checksum/config");
        String after = str(named(Manifests.render(null, Map.of("oidc.issuer", "https://other/realms/caimei")),
                "Deployment", fullname("ranking-service")), "spec.template.metadata.annotations.checksum/config");
        assertNotNull(before);
        assertFalse(before.equals(after), "checksum/config must change with the ConfigMap");
    }
}
