package io.caimei.ranking.mapping;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One entity's index under candidate weights, as the scoring service answers it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WhatIfScore(String entityId, double index) {
}
