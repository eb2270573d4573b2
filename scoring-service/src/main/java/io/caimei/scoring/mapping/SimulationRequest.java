package io.caimei.scoring.mapping;

import java.util.List;
import java.util.Map;

/** Score these entities in a period under candidate weights, changing nothing live. */
public record SimulationRequest(String period, Map<String, Double> weights, List<String> entityIds) {
}
