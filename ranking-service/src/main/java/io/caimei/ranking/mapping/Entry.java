package io.caimei.ranking.mapping;

/**
 * One ranked entity on a board page.
 *
 * @param movement {@code UP n}, {@code DOWN n}, {@code SAME}, {@code NEW} or {@code RE_ENTRY}
 * @param topContributor music board only: the CONTENT that brought most orders in the period
 */
public record Entry(int rank, String entityId, String name, boolean catalogued, double score, Integer previousRank,
        String movement, Integer peakRank, int periodsOnBoard, String topContributor, String topContributorName,
        Long topContributorOrders) {
}
