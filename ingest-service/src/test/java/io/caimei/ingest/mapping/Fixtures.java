package io.caimei.ingest.mapping;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Shared test values. */
final class Fixtures {

    static final String SECRET = "caimei-test-secret-2024";
    static final UserKeys KEYS = new UserKeys(SECRET);

    /** "Now" for every test: 2024-02-14 21:00:00 in Beijing. */
    static final Instant NOW = OffsetDateTime.parse("2024-02-14T21:00:00+08:00").toInstant();

    /** HMAC-SHA256("caimei-test-secret-2024", "13800138000"), computed independently with Python's hmac. */
    static final String KEY_13800138000 = "u:19ef1d6c8c87af2392685ed271288995118f579b5d7efeaa8d95d985609cb430";
    /** HMAC-SHA256("caimei-test-secret-2024", "13912345678"). */
    static final String KEY_13912345678 = "u:051e169cd7c0dee92ab094e35c36437ff0ecc9ca63d21ec5547b7f6978ac8a64";

    /** 2024-02-14T20:15:03+08:00 in epoch milliseconds. */
    static final long MILLIS_201503 = 1707912903000L;

    private Fixtures() {
    }
}
