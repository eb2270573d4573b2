package io.caimei.gateway.rest;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The gateway before {@link AuditBackends}, with an advertiser budget small enough to spend in a test. */
public class AuditLogProfile implements QuarkusTestProfile {

    static final int ADVERTISER_BUDGET = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("caimei.gateway.rate-limit.per-second.advertiser", Integer.toString(ADVERTISER_BUDGET),
                "caimei.gateway.rate-limit.key-prefix", "audit-test");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(AuditBackends.class));
    }
}
