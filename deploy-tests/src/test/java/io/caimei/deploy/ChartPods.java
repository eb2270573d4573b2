package io.caimei.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the kubelet would give each rendered Deployment's container: its environment, port and probes. */
final class ChartPods {

    /** One service's pod as the chart declares it. */
    record Pod(String service, Map<String, String> env, int containerPort, String readinessPath, String startupPath) {
    }

    private static final Pattern DEPENDENT = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private ChartPods() {
    }

    /** Every Deployment of the rendered chart, by service name, with Secrets resolved from {@code secrets}. */
    static Map<String, Pod> of(List<Map<String, Object>> rendered, Map<String, Map<String, String>> secrets) {
        Map<String, Pod> pods = new TreeMap<>();
        for (Map<String, Object> deployment : Manifests.ofKind(rendered, "Deployment")) {
            Object container = Manifests.at(deployment, "spec.template.spec.containers.0");
            Map<String, String> env = new LinkedHashMap<>();
            for (Object from : Manifests.list(container, "envFrom")) {
                String configMap = Manifests.str(from, "configMapRef.name");
                Manifests.map(Manifests.named(rendered, "ConfigMap", configMap), "data")
                        .forEach((k, v) -> env.put(k, String.valueOf(v)));
            }
            for (Object var : Manifests.list(container, "env")) {
                String name = Manifests.str(var, "name");
                String value = Manifests.str(var, "value");
                if (value != null) {
                    env.put(name, expand(value, env));
                    continue;
                }
                String secret = Manifests.str(var, "valueFrom.secretKeyRef.name");
                String key = Manifests.str(var, "valueFrom.secretKeyRef.key");
                Map<String, String> data = secrets.get(secret);
                if (data == null || !data.containsKey(key)) {
                    throw new AssertionError(Manifests.name(deployment) + " needs key " + key + " of Secret " + secret
                            + ", which neither helm/README.md nor an operator creates");
                }
                env.put(name, data.get(key));
            }
            int port = Manifests.integer(container, "ports.name=http.containerPort");
            String service = String.valueOf(Manifests.map(deployment, "metadata.labels").get("app.kubernetes.io/name"));
            pods.put(service, new Pod(Manifests.name(deployment), env, port,
                    Manifests.str(container, "readinessProbe.httpGet.path"), Manifests.str(container, "startupProbe.httpGet.path")));
        }
        return pods;
    }

    /** Kubernetes' $(VAR) expansion: variables defined earlier in the container's environment; others stay as written. */
    static String expand(String value, Map<String, String> env) {
        Matcher m = DEPENDENT.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String resolved = env.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(resolved != null ? resolved : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
