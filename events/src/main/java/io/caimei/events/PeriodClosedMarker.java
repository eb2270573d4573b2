package io.caimei.events;

/**
 * Written to every partition of {@code caimei.scores.v1} after the scores of a closing period: once a ranking
 * consumer has met it on all {@code partitions}, no score of the period is still on its way.
 */
public record PeriodClosedMarker(String periodClosed, int partitions, String closedAt, String reason) {
}
