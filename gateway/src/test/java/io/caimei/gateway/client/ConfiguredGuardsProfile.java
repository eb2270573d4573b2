package io.caimei.gateway.client;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The gateway before {@link SlowBackend}, with the ranking reads' guards changed by configuration alone. */
public class ConfiguredGuardsProfile implements QuarkusTestProfile {

    private static final String READ = "quarkus.fault-tolerance.\"io.caimei.gateway.client.Backends/rankingRead\".";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(READ + "timeout.value", "500", READ + "timeout.unit", "millis", READ + "retry.max-retries", "1");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SlowBackend.class));
    }
}
