package io.caimei.scoring.mapping;

import io.caimei.events.EntityType;

/** One entity in one period: the unit that is scored, marked dirty and published. */
public record EntityPeriod(EntityType type, String entityId, String period) {

    public AggregateId aggregate() {
        return new AggregateId(entityId, period);
    }
}
