package io.caimei.ranking.mapping;

import java.time.Instant;

import io.caimei.events.Period;

/** DESIGN §4's state of a board's period: OPEN (still taking scores), CLOSED (frozen), EMPTY (ended, nothing ranked). */
public enum PeriodState {
    OPEN,
    CLOSED,
    EMPTY;

    /** A period that has ended with nothing ranked is EMPTY, frozen or not; otherwise frozen is CLOSED. */
    public static PeriodState of(boolean frozen, long ranked, Period period, Instant now) {
        if (ranked == 0 && (frozen || !period.end().isAfter(now))) {
            return EMPTY;
        }
        return frozen ? CLOSED : OPEN;
    }
}
