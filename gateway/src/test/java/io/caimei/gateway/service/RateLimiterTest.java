package io.caimei.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.caimei.gateway.config.GatewayConfig;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;

/**
 * Per-client budgets per second by role, decided on this replica. Redis is unreachable here on purpose: the
 * decision never waits for it, and with the shared count lost one replica's count alone still applies exactly.
 */
class RateLimiterTest {

    private static final Vertx VERTX = Vertx.vertx();
    /** Nothing listens on port 1: every sync fails, as when Redis is away. */
    private static final Redis UNREACHABLE = Redis.createClient(VERTX, "redis://127.0.0.1:1");
    private static final URL APPLICATION = RateLimiterTest.class.getResource("/application.properties");

    /** The gateway's own configuration with the budgets replaced by ones small enough to spend in a test. */
    private static RateLimiter limiter(boolean enabled, Map<String, Integer> perSecond) throws IOException {
        Map<String, String> budgets = new HashMap<>();
        budgets.put("caimei.gateway.rate-limit.enabled", Boolean.toString(enabled));
        budgets.put("caimei.gateway.rate-limit.key-prefix", "test-gw");
        // only the test's roles have a budget: the application's other roles are blanked out
        for (String role : List.of("advertiser", "analyst", "admin", "ingest")) {
            budgets.put("caimei.gateway.rate-limit.per-second." + role, "0");
        }
        perSecond.forEach((role, limit) -> budgets.put("caimei.gateway.rate-limit.per-second." + role, limit.toString()));
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors().withMapping(GatewayConfig.class)
                .withSources(new PropertiesConfigSource(APPLICATION, 250), new PropertiesConfigSource(budgets, "test", 500))
                .build();
        return new RateLimiter(UNREACHABLE, config.getConfigMapping(GatewayConfig.class));
    }

    private static Caller caller(String client, String... roles) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(client));
        for (String role : roles) {
            identity.addRole(role);
        }
        return new Caller(identity.build());
    }

    /** Waits for the start of the next second, so a run of requests falls in one window. */
    private static void startOfASecond() throws InterruptedException {
        Thread.sleep(1000 - System.currentTimeMillis() % 1000 + 5);
    }

    /** How many of {@code requests} consecutive calls were let through. */
    private static int admitted(RateLimiter limiter, Caller caller, int requests) {
        int admitted = 0;
        for (int i = 0; i < requests; i++) {
            admitted += limiter.check(caller) == 0 ? 1 : 0;
        }
        return admitted;
    }

    @AfterAll
    static void closeVertx() {
        UNREACHABLE.close();
        VERTX.closeAndAwait();
    }

    @Test
    void aClientGetsItsRolesBudgetAndIsThenToldToRetryAfterOneSecond() throws Exception {
        RateLimiter limiter = limiter(true, Map.of("advertiser", 3));
        Caller advertiser = caller("adv-client", "advertiser");
        startOfASecond();
        assertEquals(3, admitted(limiter, advertiser, 3));
        assertEquals(1, limiter.check(advertiser), "the fourth request of the second waits one second");
    }

    @Test
    void theMostGenerousOfACallersRolesApplies() throws Exception {
        RateLimiter limiter = limiter(true, Map.of("advertiser", 3, "analyst", 5));
        startOfASecond();
        assertEquals(5, admitted(limiter, caller("both", "advertiser", "analyst"), 8));
    }

    @Test
    void eachClientHasABudgetOfItsOwn() throws Exception {
        RateLimiter limiter = limiter(true, Map.of("advertiser", 2));
        startOfASecond();
        assertEquals(2, admitted(limiter, caller("first", "advertiser"), 4));
        assertEquals(2, admitted(limiter, caller("second", "advertiser"), 4), "one client's spending is not another's");
    }

    @Test
    void aNewSecondBringsAFreshBudget() throws Exception {
        RateLimiter limiter = limiter(true, Map.of("advertiser", 2));
        Caller advertiser = caller("adv-client", "advertiser");
        startOfASecond();
        assertEquals(2, admitted(limiter, advertiser, 4));
        startOfASecond();
        assertEquals(2, admitted(limiter, advertiser, 4));
    }

    @Test
    void aCallerWithoutABudgetedRoleIsNotLimited() throws Exception {
        RateLimiter limiter = limiter(true, Map.of("advertiser", 2));
        startOfASecond();
        assertEquals(50, admitted(limiter, caller("viewer-client", "viewer"), 50));
    }

    @Test
    void disabledLimitsLetEveryRequestThrough() throws Exception {
        RateLimiter limiter = limiter(false, Map.of("advertiser", 2));
        startOfASecond();
        assertEquals(50, admitted(limiter, caller("adv-client", "advertiser"), 50));
    }
}
