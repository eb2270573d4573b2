package io.caimei.ranking.mapping;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Scoring's what-if answer: the scores with the weights behind them. {@code weights} are all 19 used, as the
 * decimals entered; {@code given} the codes the caller sent; the others came from {@code profile} version
 * {@code profileVersion} (null when every weight was given).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WhatIfAnswer(String period, String profile, Integer profileVersion, Map<String, BigDecimal> weights,
        List<String> given, List<WhatIfScore> scores) {
}
