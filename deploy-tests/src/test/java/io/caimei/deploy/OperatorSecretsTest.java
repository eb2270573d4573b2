package io.caimei.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The Secrets helm/README.md tells an operator to create are exactly those the rendered objects still need. */
class OperatorSecretsTest {

    /** Every "secret/key" (or "secret/*" when a whole Secret is named) referenced anywhere in the objects. */
    static Set<String> references(List<Map<String, Object>> objects) {
        Set<String> refs = new TreeSet<>();
        for (Map<String, Object> object : objects) {
            walk(object, "", refs);
        }
        return refs;
    }

    private static void walk(Object node, String key, Set<String> refs) {
        if (node instanceof Map<?, ?> map) {
            Object name = map.get("name");
            Object k = map.get("key");
            boolean secretish = key.equals("secretKeyRef") || key.endsWith("Secret") || key.equals("secret")
                    || key.equals("accessKeyId") || key.equals("secretAccessKey") || key.equals("secretTargetRef")
                    || key.equals("imagePullSecrets");
            if (secretish && name != null) {
                refs.add(name + "/" + (k != null ? k : "*"));
            }
            map.forEach((childKey, child) -> walk(child, String.valueOf(childKey), refs));
        } else if (node instanceof List<?> list) {
            list.forEach(child -> walk(child, key, refs));
        } else if (node instanceof String s && (key.equals("tlsSecret") || key.equals("secretName"))) {
            refs.add(s + "/*");
        }
    }

    @Test
    void theReadmeSecretsAndTheOperatorWrittenOnesAreExactlyWhatTheRolloutReferences() {
        List<Map<String, Object>> all = new ArrayList<>(Manifests.allK8sObjects());
        all.addAll(Manifests.render(Manifests.productionValues()));
        Set<String> referenced = references(all);

        Set<String> provided = new TreeSet<>();
        OperatorSecrets.readmeSecrets().forEach((name, keys) -> keys.keySet().forEach(key -> provided.add(name + "/" + key)));
        OperatorSecrets.operatorWritten(Manifests.allK8sObjects(), Map.of("keda-kafka", Map.of("password", "x")))
                .forEach((name, keys) -> keys.keySet().forEach(key -> provided.add(name + "/" + key)));
        provided.add("keycloak-tls/*"); // kubectl create secret tls (cert-manager may issue it instead)
        provided.add("caimei-gateway-tls/*"); // the Ingress certificate, issued by cert-manager (ingress annotation)
        provided.add("caimei-registry/*"); // kubectl create secret docker-registry

        Set<String> missing = new TreeSet<>(referenced);
        missing.removeIf(ref -> provided.contains(ref) || (ref.endsWith("/*")
                && provided.stream().anyMatch(p -> p.startsWith(ref.substring(0, ref.length() - 1)))));
        assertEquals(Set.of(), missing, "referenced but neither in helm/README.md nor written by an operator");

        Set<String> unused = new TreeSet<>(OperatorSecrets.readmeSecrets().keySet());
        referenced.forEach(ref -> unused.remove(ref.substring(0, ref.indexOf('/'))));
        assertEquals(Set.of(), unused, "helm/README.md asks for Secrets nothing references");
    }

    @Test
    void theReadmeAsksForTheseSecretsWithTheseKeys() {
        Map<String, Set<String>> expected = Map.of(
                "caimei-oidc", Set.of("client-secret"),
                "caimei-channels-oidc", Set.of("client-secret"),
                "caimei-ingest", Set.of("hmac-key"),
                "caimei-redis", Set.of("gateway", "ingest-service", "scoring-service", "ranking-service", "admin", "probe",
                        "replication"),
                "keda-kafka", Set.of("username", "password"),
                "caimei-backup-s3", Set.of("ACCESS_KEY_ID", "ACCESS_SECRET_KEY"));
        Map<String, Set<String>> actual = new java.util.HashMap<>();
        OperatorSecrets.readmeSecrets().forEach((name, keys) -> actual.put(name, keys.keySet()));
        assertEquals(expected, actual);
        assertEquals("keda", OperatorSecrets.readmeSecrets().get("keda-kafka").get("username"), "KEDA's Kafka user name");
    }
}
