package io.caimei.scoring.mapping;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What-if scores with the weights behind them: {@code weights} all 19 used (tree order), {@code given} the codes the
 * caller sent, the others from {@code profile} version {@code profileVersion} (null when every weight was given
 * and no profile was needed).
 */
public record WhatIf(String period, String profile, Integer profileVersion, Map<String, BigDecimal> weights,
        List<String> given, List<SimulatedScore> scores) {
}
