package io.caimei.ranking.mapping;

import java.util.List;

/** A board's period re-ranked under candidate weights; {@code total} counts every simulated entity. */
public record Simulation(String boardId, String period, int total, List<Placing> entries) {

    /**
     * One entity's simulated rank and score beside its current ones; {@code rankChange} > 0 means it would rise;
     * {@code movement} says the same as on pages ({@code UP n}, {@code DOWN n}, {@code SAME}, or {@code NEW} when
     * not ranked now, its current fields then null).
     */
    public record Placing(int rank, String entityId, String name, double score, Integer currentRank,
            Double currentScore, Integer rankChange, String movement) {
    }
}
