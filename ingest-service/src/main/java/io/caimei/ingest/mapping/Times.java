package io.caimei.ingest.mapping;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.caimei.events.IsoTimes;

/** Time bounds and the written form of {@code occurredAt}. */
final class Times {

    /** Asia/Shanghai has been UTC+8 without DST since 1991, so every accepted local time is +08:00. */
    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    /** Events before 2000-01-01T00:00+08:00 (start of that day in Asia/Shanghai) are rejected. */
    static final Instant EARLIEST = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, CHINA).toInstant();

    /** Events more than this after {@code now} are rejected. */
    static final Duration MAX_AHEAD = Duration.ofMinutes(5);

    private Times() {
    }

    /** Rejects a time before 2000 ({@code BAD_TIMESTAMP}) or more than 5 minutes after now ({@code FUTURE_EVENT}). */
    static void checkBounds(String field, Instant at, Instant now) {
        if (at.isAfter(now.plus(MAX_AHEAD))) {
            throw new Reject("FUTURE_EVENT: occurs more than 5 minutes after now");
        }
        if (at.isBefore(EARLIEST)) {
            throw new Reject("BAD_TIMESTAMP: " + field + " is before 2000-01-01");
        }
    }

    /** ISO-8601 with offset and explicit seconds, e.g. {@code 2024-02-14T20:15:03+08:00}. */
    static String format(OffsetDateTime t) {
        return IsoTimes.format(t);
    }
}
