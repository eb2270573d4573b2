package io.caimei.ranking.service;

/** Movement against the previous period of the same granularity. */
public final class Movement {

    private Movement() {
    }

    /**
     * {@code UP n} / {@code DOWN n} / {@code SAME} when ranked in the previous period; otherwise {@code RE_ENTRY}
     * if it was on the board (shown top N) in an earlier period, else {@code NEW}.
     */
    public static String of(int rank, Integer previousRank, int periodsOnBoardBefore) {
        if (previousRank == null) {
            return periodsOnBoardBefore > 0 ? "RE_ENTRY" : "NEW";
        }
        if (previousRank == rank) {
            return "SAME";
        }
        return previousRank > rank ? "UP " + (previousRank - rank) : "DOWN " + (rank - previousRank);
    }
}
