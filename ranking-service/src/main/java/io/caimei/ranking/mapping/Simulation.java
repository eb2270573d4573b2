package io.caimei.ranking.mapping;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A board's period re-ranked under candidate weights; {@code total} counts every simulated entity. {@code weights}
 * are all 19 used, printed as the decimals entered; {@code given} the codes the request gave; the rest came from
 * {@code profile} version {@code profileVersion}, the board profile's active one (null when all were given).
 */
public record Simulation(String boardId, String period, String profile, Integer profileVersion,
        Map<String, BigDecimal> weights, List<String> given, int total, List<Placing> entries) {

    /**
     * One entity's simulated rank and score beside its current ones; {@code rankChange} > 0 means it would rise;
     * {@code movement} says the same as on pages ({@code UP n}, {@code DOWN n}, {@code SAME}, or {@code NEW} when
     * not ranked now, its current fields then null).
     */
    public record Placing(int rank, String entityId, String name, double score, Integer currentRank,
            Double currentScore, Integer rankChange, String movement) {
    }
}
