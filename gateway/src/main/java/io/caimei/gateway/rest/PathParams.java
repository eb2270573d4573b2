package io.caimei.gateway.rest;

import io.caimei.common.rest.Problem;
import io.caimei.events.EntityIds;
import io.caimei.events.Period;

/**
 * Checks of ids and periods in the gateway's paths, by the same rules (and with the same problems) as the backends,
 * so a bad path is refused before any backend, tenancy lookup or rate-limit budget is spent on it.
 */
final class PathParams {

    private PathParams() {
    }

    /** The id when it satisfies {@link EntityIds}; else a 400 problem that does not echo it. */
    static String entityId(String id) {
        if (!EntityIds.isValid(id)) {
            throw new Problem(400, "bad-entity-id", "Bad entity id", "entity ids are " + EntityIds.RULE);
        }
        return id;
    }

    /** The period a path names; else a 400 problem. */
    static Period period(String id) {
        return Period.parse(id).orElseThrow(() -> new Problem(400, "bad-period", "Bad period",
                "period must be a day (2024-02-14), ISO week (2024-W07), month (2024-02) or year (2024)"));
    }
}
