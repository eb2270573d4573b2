package io.caimei.common.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Bearer tokens this service has already verified, with the identity built from each, until the token expires (at
 * most {@link #MAX_AGE}): a client that sends the same token on every call pays for signature and claim checks
 * once. Verifying again would reject nothing that this keeps: local JWT verification never sees revocation either.
 */
public final class VerifiedTokens {

    /** Longest a verified token is trusted without checking it again. */
    public static final Duration MAX_AGE = Duration.ofMinutes(5);

    private static final int MAX_TOKENS = 10_000;

    private record Verified(SecurityIdentity identity, long untilMillis) {
    }

    private final Map<String, Verified> tokens = new ConcurrentHashMap<>();
    private final Clock clock;

    public VerifiedTokens(Clock clock) {
        this.clock = clock;
    }

    /** The identity of a token verified before, or null when unknown or expired. */
    public SecurityIdentity get(String token) {
        Verified v = tokens.get(token);
        if (v == null) {
            return null;
        }
        if (clock.millis() >= v.untilMillis()) {
            tokens.remove(token, v);
            return null;
        }
        return v.identity();
    }

    /** Remembers a verified token until {@code expiresAtSeconds} (epoch seconds, its exp claim) or MAX_AGE. */
    public void put(String token, SecurityIdentity identity, long expiresAtSeconds) {
        long now = clock.millis();
        long until = Math.min(expiresAtSeconds * 1000, now + MAX_AGE.toMillis());
        if (until <= now) {
            return;
        }
        if (tokens.size() >= MAX_TOKENS) {
            tokens.values().removeIf(v -> v.untilMillis() <= now);
            if (tokens.size() >= MAX_TOKENS) {
                // many live callers at once: start over rather than grow without bound
                tokens.clear();
            }
        }
        tokens.put(token, new Verified(identity, until));
    }

    public int size() {
        return tokens.size();
    }
}
