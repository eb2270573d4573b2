package io.caimei.ranking.mapping;

import java.util.List;
import java.util.Map;

/** Asks the scoring service to score these entities in a period under candidate weights, changing nothing live. */
public record WhatIfRequest(String period, Map<String, Double> weights, List<String> entityIds) {
}
