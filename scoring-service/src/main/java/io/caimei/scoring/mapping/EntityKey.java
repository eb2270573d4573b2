package io.caimei.scoring.mapping;

import io.caimei.events.EntityType;

/** An entity with its type, as listed in a period's index. */
public record EntityKey(EntityType type, String entityId) {

    /** This entity in one period. */
    public EntityPeriod in(String period) {
        return new EntityPeriod(type, entityId, period);
    }
}
