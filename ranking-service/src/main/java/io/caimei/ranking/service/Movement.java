package io.caimei.ranking.service;

/**
 * Chart convention (DESIGN.md §5): "on the chart" means within the board's shown top N of a period; an arrow only
 * for an entry that was on the chart last period, {@code RE_ENTRY} or {@code NEW} otherwise.
 */
public final class Movement {

    private Movement() {
    }

    /**
     * {@code UP n} / {@code DOWN n} / {@code SAME} when on the chart in the previous period (previous rank within
     * {@code shown}); otherwise {@code RE_ENTRY} if on the chart in an earlier period, else {@code NEW}.
     *
     * @param periodsOnBoardBefore chart appearances in frozen periods before the current one
     */
    public static String of(int rank, Integer previousRank, int periodsOnBoardBefore, int shown) {
        if (previousRank == null || previousRank > shown) {
            // ranked below the chart last period is no arrow: a reader never saw it there
            return periodsOnBoardBefore > 0 ? "RE_ENTRY" : "NEW";
        }
        return arrow(rank, previousRank);
    }

    /** {@code UP n} / {@code DOWN n} / {@code SAME} from one rank to another. */
    public static String arrow(int rank, int before) {
        if (before == rank) {
            return "SAME";
        }
        return before > rank ? "UP " + (before - rank) : "DOWN " + (rank - before);
    }

    /** The best chart rank including the current one when it is on the chart; null when never on it. */
    public static Integer peak(Integer peakBefore, int rank, int shown) {
        if (rank > shown) {
            return peakBefore;
        }
        return peakBefore == null ? rank : Math.min(peakBefore, rank);
    }

    /** Chart appearances including the current period when it is on the chart. */
    public static int periodsOnBoard(int before, int rank, int shown) {
        return rank <= shown ? before + 1 : before;
    }
}
