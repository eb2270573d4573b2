package io.caimei.scoring.mapping;

import java.util.Map;

/**
 * Why an entity has its index in a period.
 *
 * @param raw raw indicator values E1..E13
 * @param contributions each C, D and E node's share of S
 * @param nodes every C, D and E node by code, in tree order, with labels, parent, weight and contribution
 */
public record Explanation(
        String entityId,
        String period,
        String profile,
        int profileVersion,
        Map<String, Long> raw,
        Map<String, Double> contributions,
        Map<String, ExplanationNode> nodes,
        double s,
        double index) {
}
