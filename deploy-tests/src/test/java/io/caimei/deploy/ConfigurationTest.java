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
  void secretsAreReferencedByTheNamesAndKeysGivenInValues() {
    List<Map<String, Object>> objects = Manifests.render(null);
    for (String service : List.of("ingest-service", "scoring-service", "ranking-service")) {
      Map<String, EnvVar> env = env(objects, service);
      assertSecretRef(env.get("QUARKUS_DATASOURCE_USERNAME"), "caimei-postgres-app", "username");
      assertSecretRef(env.get("QUARKUS_DATASOURCE_PASSWORD"), "caimei-postgres-app", "password");
      assertNull(env.get("QUARKUS_OIDC_CREDENTIALS_SECRET"), service);
    }
    Map<String, EnvVar> gateway = env(objects, "gateway");
    assertSecretRef(gateway.get("QUARKUS_OIDC_CREDENTIALS_SECRET"), "caimei-oidc", "client-secret");
    assertNull(gateway.get("QUARKUS_DATASOURCE_PASSWORD"), "the gateway has no database");
    assertSecretRef(env(objects, "ingest-service").get("CAIMEI_INGEST_PSEUDONYMIZATION_SECRET"), "caimei-ingest",
        "hmac-key");
    assertNull(env(objects, "scoring-service").get("CAIMEI_INGEST_PSEUDONYMIZATION_SECRET"));
    assertNull(gateway.get("QUARKUS_REDIS_PASSWORD"), "no Redis password unless redis.existingSecret is set");

    List<Map<String, Object>> renamed = Manifests.render(null, Map.of("postgresql.existingSecret", "pg-creds",
        "oidc.existingSecret", "sso", "redis.existingSecret", "redis-auth"));
    assertSecretRef(env(renamed, "ranking-service").get("QUARKUS_DATASOURCE_PASSWORD"), "pg-creds", "password");
    assertSecretRef(env(renamed, "gateway").get("QUARKUS_OIDC_CREDENTIALS_SECRET"), "sso", "client-secret");
    for (String service : Manifests.SERVICES) {
      assertSecretRef(env(renamed, service).get("QUARKUS_REDIS_PASSWORD"), "redis-auth", "password");
    }
  }

  @Test
  void servicesGetKafkaRedisPostgresAndOidcSettingsFromValues() {
    List<Map<String, Object>> objects = Manifests.render(null);
    for (String service : Manifests.SERVICES) {
      Map<String, String> config = config(objects, service);
      assertEquals("8080", config.get("QUARKUS_HTTP_PORT"), service + " listens on 8080 whatever its local port");
      assertEquals("caimei-kafka-bootstrap:9092", config.get("KAFKA_BOOTSTRAP_SERVERS"), service);
      assertEquals("redis://redis:6379", config.get("QUARKUS_REDIS_HOSTS"), service);
      assertNull(config.get("QUARKUS_REDIS_CLIENT_TYPE"), service + ": standalone by default");
      assertEquals("https://keycloak.example.com/realms/caimei", config.get("QUARKUS_OIDC_AUTH_SERVER_URL"), service);
    }
    for (String service : Manifests.BACKENDS) {
      assertEquals("postgresql://caimei-postgres-rw:5432/caimei",
          config(objects, service).get("QUARKUS_DATASOURCE_REACTIVE_URL"), service);
    }
    assertNull(config(objects, "gateway").get("QUARKUS_DATASOURCE_REACTIVE_URL"));
    assertEquals("caimei-gateway", config(objects, "gateway").get("QUARKUS_OIDC_CLIENT_ID"));
  }

  @Test
  void theGatewayReachesEachBackendThroughItsService() {
    List<Map<String, Object>> objects = Manifests.render(null);
    Map<String, String> gateway = config(objects, "gateway");
    Map<String, String> urls = Map.of("INGEST", "ingest-service", "SCORING", "scoring-service",
        "RANKING", "ranking-service");
    urls.forEach((client, service) -> {
      assertEquals("http://caimei-" + service + ":8080", gateway.get("QUARKUS_REST_CLIENT_" + client + "_URL"));
      assertEquals("8080", str(named(objects, "Service", fullname(service)), "spec.ports.name=http.port"));
    });
  }

  @Test
  void redisClusterModeSwitchesTheQuarkusRedisClientType() {
    Path production = Manifests.productionValues();
    List<Map<String, Object>> objects = Manifests.render(production);
    String hosts = str(Manifests.values(production), "redis.hosts");
    for (String service : Manifests.SERVICES) {
      assertEquals("cluster", config(objects, service).get("QUARKUS_REDIS_CLIENT_TYPE"), service);
      assertEquals(hosts, config(objects, service).get("QUARKUS_REDIS_HOSTS"), service);
    }
    List<Map<String, Object>> flipped = Manifests.render(null, Map.of("redis.mode", "cluster"));
    assertEquals("cluster", config(flipped, "scoring-service").get("QUARKUS_REDIS_CLIENT_TYPE"));
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
