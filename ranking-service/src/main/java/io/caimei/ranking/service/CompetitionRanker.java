package io.caimei.ranking.service;

/**
 * Competition ranks over scores given best first (90, 80, 80, 70 → 1, 2, 2, 4): an entry shares the rank of an
 * equal score before it, otherwise its rank is its 1-based position. The one place this rule lives.
 */
final class CompetitionRanker {

    private long rank;
    private double previous = Double.NaN;

    /** Starts a ranker whose first entry's rank is already known (a page in the middle of a board). */
    CompetitionRanker startingAt(long firstRank, double firstScore) {
        rank = firstRank;
        previous = firstScore;
        return this;
    }

    /** The rank of the entry at this 1-based position with this score. */
    long next(long position, double score) {
        if (score != previous) {
            rank = position;
        }
        previous = score;
        return rank;
    }
}
