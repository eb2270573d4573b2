package io.caimei.events;

/**
 * The current index of one entity in one period, on topic {@code caimei.scores.v1} as one line of a record (see
 * {@link ScoreUpdateJson}), in the partition the entity id picks as key. Absolute values, so applying one twice
 * changes nothing.
 *
 * @param topContributor for MUSIC: the CONTENT that contributed most orders (E3) in the period, else null
 * @param topContributorOrders the orders that content contributed
 */
public record ScoreUpdate(
        String entityId,
        EntityType entityType,
        String period,
        double index,
        String profile,
        int profileVersion,
        String topContributor,
        long topContributorOrders,
        String computedAt) {
}
