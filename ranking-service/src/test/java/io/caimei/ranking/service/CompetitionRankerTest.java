package io.caimei.ranking.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Competition ranks, from the top and from the middle of a board. */
class CompetitionRankerTest {

    @Test
    void scores90_80_80_70RankOneTwoTwoFour() {
        CompetitionRanker r = new CompetitionRanker();
        List<Long> ranks = new ArrayList<>();
        double[] scores = { 90, 80, 80, 70 };
        for (int i = 0; i < scores.length; i++) {
            ranks.add(r.next(i + 1L, scores[i]));
        }
        assertEquals(List.of(1L, 2L, 2L, 4L), ranks);
    }

    @Test
    void aPageStartingInsideATieKeepsTheTiesRank() {
        CompetitionRanker r = new CompetitionRanker().startingAt(2, 80);
        assertEquals(2L, r.next(3, 80));
        assertEquals(4L, r.next(4, 70));
    }
}
