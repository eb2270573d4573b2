package io.caimei.scoring.mapping;

import java.util.Map;

/** One stored version of a weight profile: DRAFT, ACTIVE or RETIRED, with who created and activated it. */
public record ProfileVersion(String name, int version, String status, Map<String, Double> weights, String createdBy,
        String createdAt, String activatedBy, String activatedAt) {
}
