package io.caimei.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.quarkus.security.runtime.QuarkusSecurityIdentity;

class VerifiedTokensTest {

    private static final QuarkusSecurityIdentity ANALYST = QuarkusSecurityIdentity.builder()
            .setPrincipal(() -> "analyst").addRole("analyst").build();

    private static VerifiedTokens at(long epochSeconds) {
        return new VerifiedTokens(Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC));
    }

    @Test
    void aVerifiedTokenIsKnownUntilItExpires() {
        VerifiedTokens before = at(1_000);
        before.put("t", ANALYST, 1_100);
        assertSame(ANALYST, before.get("t"));
        assertNull(before.get("other"), "a token never verified is unknown");
    }

    @Test
    void aTokenIsForgottenAtItsExpiry() {
        VerifiedTokens tokens = new VerifiedTokens(Clock.fixed(Instant.ofEpochSecond(1_100), ZoneOffset.UTC));
        tokens.put("t", ANALYST, 1_100);
        assertNull(tokens.get("t"), "an expired token is never remembered");
        assertEquals(0, tokens.size());
    }

    @Test
    void aLongLivedTokenIsCheckedAgainAfterFiveMinutes() {
        MutableClock clock = new MutableClock(1_000_000);
        VerifiedTokens tokens = new VerifiedTokens(clock);
        tokens.put("t", ANALYST, 1_000 + 3_600);
        clock.millis = 1_000_000 + VerifiedTokens.MAX_AGE.toMillis() - 1;
        assertSame(ANALYST, tokens.get("t"));
        clock.millis = 1_000_000 + VerifiedTokens.MAX_AGE.toMillis();
        assertNull(tokens.get("t"), "after MAX_AGE the token goes through full verification again");
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        long millis;

        MutableClock(long millis) {
            this.millis = millis;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
