package io.caimei.scoring.mapping;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One stored version of a weight profile: DRAFT, ACTIVE or RETIRED, with who created and activated it; weights in
 * tree order, as the decimals they were entered as.
 */
public record ProfileVersion(String name, int version, String status, Map<String, BigDecimal> weights,
        String createdBy, String createdAt, String activatedBy, String activatedAt) {
}
