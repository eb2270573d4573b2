package io.caimei.events;

/**
 * Announces on topic {@code caimei.periods.v1} that a period is final, for consumers outside the platform (reports,
 * audit). Ranking freezes its boards from the {@link PeriodClosedMarker} on the scores topic, not from this record.
 */
public record PeriodClosed(String period, String closedAt, String reason) {

    public static final String BY_WATERMARK = "WATERMARK";
    public static final String BY_ADMIN = "ADMIN";
}
