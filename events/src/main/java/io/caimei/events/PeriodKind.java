package io.caimei.events;

/** Calendar granularities of a board; every event counts in one period of each. */
public enum PeriodKind {
    DAY,
    WEEK,
    MONTH,
    YEAR
}
