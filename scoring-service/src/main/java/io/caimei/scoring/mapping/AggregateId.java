package io.caimei.scoring.mapping;

/** Names one stored aggregate: an entity's counts in one period. */
public record AggregateId(String entityId, String period) {
}
