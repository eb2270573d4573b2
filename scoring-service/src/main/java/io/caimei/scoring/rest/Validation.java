package io.caimei.scoring.rest;

import io.caimei.common.rest.Problem;
import io.caimei.events.EntityIds;
import io.caimei.events.Period;

/** Path parameter checks shared by the resources; failures become 400 problems. */
final class Validation {

    private Validation() {
    }

    static void period(String period) {
        if (Period.parse(period).isEmpty()) {
            throw new Problem(400, "bad-period", "Bad period",
                    "period must be a day (2024-02-14), ISO week (2024-W07), month (2024-02) or year (2024)");
        }
    }

    static void entityId(String id) {
        if (!EntityIds.isValid(id)) {
            throw new Problem(400, "bad-entity-id", "Bad entity id",
                    "entity ids are " + EntityIds.RULE);
        }
    }
}
