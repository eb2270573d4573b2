package io.caimei.events;

/** Announces on topic {@code caimei.periods.v1} that a period is final and its boards must be frozen. */
public record PeriodClosed(String period, String closedAt, String reason) {

    public static final String BY_WATERMARK = "WATERMARK";
    public static final String BY_ADMIN = "ADMIN";
}
