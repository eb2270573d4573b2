package io.caimei.ranking.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Movement labels against the previous period. */
class MovementTest {

    @Test
    void aBetterRankThanLastPeriodIsUpByTheDifference() {
        assertEquals("UP 3", Movement.of(2, 5, 4));
    }

    @Test
    void aWorseRankIsDownByTheDifference() {
        assertEquals("DOWN 1", Movement.of(6, 5, 4));
    }

    @Test
    void theSameRankIsSame() {
        assertEquals("SAME", Movement.of(3, 3, 1));
    }

    @Test
    void unrankedLastPeriodButOnTheBoardBeforeIsAReEntry() {
        assertEquals("RE_ENTRY", Movement.of(3, null, 2));
    }

    @Test
    void neverOnTheBoardBeforeIsNew() {
        assertEquals("NEW", Movement.of(3, null, 0));
    }
}
