package io.caimei.ranking.mapping;

import java.util.List;
import java.util.Map;

/**
 * Asks the scoring service to score these entities in a period under candidate weights, changing nothing live.
 * {@code weights} are the caller's, passed on as they came (numbers as exact decimals, anything else as written) so
 * scoring's 400 names a bad code; {@code boardId} says whose profile fills the weights not given.
 */
public record WhatIfRequest(String period, Map<String, Object> weights, List<String> entityIds, String boardId) {
}
