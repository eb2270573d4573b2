package io.caimei.events;

/** Kafka topic names shared by every service. */
public final class Topics {

    public static final String EVENTS = "caimei.events.v1";
    public static final String SCORES = "caimei.scores.v1";
    public static final String PERIODS = "caimei.periods.v1";
    public static final String DLQ = "caimei.events.dlq.v1";
    public static final String RAW_PREFIX = "caimei.raw.";

    private Topics() {
    }
}
