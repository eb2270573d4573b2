package io.caimei.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Secrets of a rollout, made the way helm/README.md tells an operator to make them (its
 * {@code kubectl create secret generic} lines) plus those the operators write themselves (Strimzi KafkaUser
 * Secrets, CloudNativePG's {@code <cluster>-app}).
 */
final class OperatorSecrets {

    private static final Pattern CREATE = Pattern.compile(
            "kubectl -n caimei create secret generic (\\S+)((?: +--from-literal=[^=\\s]+=(?:\"[^\"]*\"|\\S+))+)");
    private static final Pattern LITERAL = Pattern.compile("--from-literal=([^=\\s]+)=(\"[^\"]*\"|\\S+)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private OperatorSecrets() {
    }

    /** Secret name → key → whether the README gives a literal value (else a generated one), in README order. */
    static Map<String, Map<String, String>> readmeSecrets() {
        String readme;
        try {
            readme = Files.readString(Manifests.repoRoot().resolve("helm/README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
        Matcher m = CREATE.matcher(readme);
        while (m.find()) {
            Map<String, String> keys = new LinkedHashMap<>();
            Matcher kv = LITERAL.matcher(m.group(2));
            while (kv.find()) {
                String value = kv.group(2);
                keys.put(kv.group(1), value.startsWith("\"$(") ? null : value.replace("\"", ""));
            }
            secrets.put(m.group(1), keys);
        }
        return secrets;
    }

    /** Every Secret of the rollout with fresh random values where the README generates them. */
    static Map<String, Map<String, String>> create(List<Map<String, Object>> k8sObjects) {
        Map<String, Map<String, String>> secrets = new TreeMap<>();
        readmeSecrets().forEach((name, keys) -> {
            Map<String, String> values = new LinkedHashMap<>();
            keys.forEach((key, literal) -> values.put(key, literal != null ? literal : random()));
            secrets.put(name, values);
        });
        secrets.putAll(operatorWritten(k8sObjects, secrets));
        return secrets;
    }

    /** The Secrets Strimzi's user operator and CloudNativePG write, as they write them. */
    static Map<String, Map<String, String>> operatorWritten(List<Map<String, Object>> k8sObjects,
            Map<String, Map<String, String>> created) {
        Map<String, Map<String, String>> written = new TreeMap<>();
        for (Map<String, Object> user : Manifests.ofKind(k8sObjects, "KafkaUser")) {
            String name = Manifests.name(user);
            // A KafkaUser may take its password from a Secret of the operator's (spec.authentication.password.valueFrom).
            String fromSecret = Manifests.str(user, "spec.authentication.password.valueFrom.secretKeyRef.name");
            String fromKey = Manifests.str(user, "spec.authentication.password.valueFrom.secretKeyRef.key");
            String password = fromSecret == null ? random() : created.get(fromSecret).get(fromKey);
            written.put(name, Map.of("password", password, "sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + name + "\" password=\""
                            + password + "\";"));
        }
        for (Map<String, Object> cluster : Manifests.ofKind(k8sObjects, "Cluster")) {
            String owner = Manifests.str(cluster, "spec.bootstrap.initdb.owner");
            written.put(Manifests.name(cluster) + "-app", Map.of("username", owner, "password", random()));
        }
        return written;
    }

    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
