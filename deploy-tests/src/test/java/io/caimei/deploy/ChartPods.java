package io.caimei.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the kubelet would give each rendered Deployment's container: its environment, port and probes. */
final class ChartPods {

    /**
     * One service's pod as the chart declares it: {@code env} holds {@link #POD_IP} where the pod's address goes
     * ({@code fieldRef: status.podIP} and what expands from it); {@code probePort} is the container port the probes
     * name (the management port where the pod has one).
     */
    record Pod(String service, Map<String, String> env, int containerPort, int probePort, String readinessPath,
            String startupPath) {

        /** The environment of this pod at {@code podIp}. */
        Map<String, String> envAt(String podIp) {
            return atAddress(env, podIp);
        }
    }

    /** Stands for the pod's address until a pod is given one ({@code status.podIP} is known only at run time). */
    static final String POD_IP = "<status.podIP>";

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
                String field = Manifests.str(var, "valueFrom.fieldRef.fieldPath");
                if (field != null) {
                    // the downward API: only the pod's address is used by the chart
                    if (!field.equals("status.podIP")) {
                        throw new AssertionError(Manifests.name(deployment) + " reads " + field
                                + " from the downward API");
                    }
                    env.put(name, POD_IP);
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
            String probePortName = Manifests.str(container, "readinessProbe.httpGet.port");
            int probePort = Manifests.integer(container, "ports.name=" + probePortName + ".containerPort");
            String service = String.valueOf(Manifests.map(deployment, "metadata.labels").get("app.kubernetes.io/name"));
            pods.put(service, new Pod(Manifests.name(deployment), env, port, probePort,
                    Manifests.str(container, "readinessProbe.httpGet.path"), Manifests.str(container, "startupProbe.httpGet.path")));
        }
        return pods;
    }

    /** {@code env} with the pod's address where the downward API puts it. */
    static Map<String, String> atAddress(Map<String, String> env, String podIp) {
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((k, v) -> out.put(k, v.replace(POD_IP, podIp)));
        return out;
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
