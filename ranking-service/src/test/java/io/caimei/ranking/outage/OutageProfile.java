package io.caimei.ranking.outage;

import java.util.List;
import java.util.Map;

import io.caimei.common.testing.OwnPostgres;
import io.quarkus.test.junit.QuarkusTestProfile;

/** The service against {@link OwnPostgres}, with a short PostgreSQL timeout so an outage is answered quickly. */
public class OutageProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("caimei.stores.postgresql", "PT2S", "caimei.stores.bulk", "PT2S");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OwnPostgres.class));
    }
}
