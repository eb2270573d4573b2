package io.caimei.ranking.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Movement labels, peak and periods on board by chart convention (on the chart = within the shown top N). */
class MovementTest {

    private static final int TOP_20 = 20;

    @Test
    void aBetterRankThanLastPeriodIsUpByTheDifference() {
        assertEquals("UP 3", Movement.of(2, 5, 4, TOP_20));
    }

    @Test
    void aWorseRankIsDownByTheDifference() {
        assertEquals("DOWN 1", Movement.of(6, 5, 4, TOP_20));
    }

    @Test
    void theSameRankIsSame() {
        assertEquals("SAME", Movement.of(3, 3, 1, TOP_20));
    }

    @Test
    void unrankedLastPeriodButOnTheBoardBeforeIsAReEntry() {
        assertEquals("RE_ENTRY", Movement.of(3, null, 2, TOP_20));
    }

    @Test
    void neverOnTheBoardBeforeIsNew() {
        assertEquals("NEW", Movement.of(3, null, 0, TOP_20));
    }

    @Test
    void previousRank21OnATop20BoardIsNoArrowButNew() {
        assertEquals("NEW", Movement.of(17, 21, 0, TOP_20));
    }

    @Test
    void previousRank21OnATop20BoardAfterAnEarlierChartRunIsAReEntry() {
        assertEquals("RE_ENTRY", Movement.of(17, 21, 3, TOP_20));
    }

    @Test
    void previousRank20OnATop20BoardIsAnArrow() {
        assertEquals("UP 3", Movement.of(17, 20, 1, TOP_20));
    }

    @Test
    void fallingOffTheChartFromTheLastChartPlaceIsDown() {
        assertEquals("DOWN 5", Movement.of(25, 20, 1, TOP_20));
    }

    @Test
    void theChartSizeIsTheBoardsNotAFixedTwenty() {
        assertEquals("NEW", Movement.of(3, 11, 0, 10));
        assertEquals("UP 7", Movement.of(3, 10, 1, 10));
    }

    @Test
    void peakIncludesTheCurrentRankWhenOnTheChart() {
        assertEquals(17, Movement.peak(null, 17, TOP_20));
        assertEquals(4, Movement.peak(4, 17, TOP_20));
        assertEquals(2, Movement.peak(4, 2, TOP_20));
    }

    @Test
    void peakIgnoresARankBelowTheChart() {
        assertNull(Movement.peak(null, 21, TOP_20));
        assertEquals(8, Movement.peak(8, 21, TOP_20));
    }

    @Test
    void periodsOnBoardCountsTheCurrentPeriodOnlyWhenOnTheChart() {
        assertEquals(1, Movement.periodsOnBoard(0, 20, TOP_20));
        assertEquals(0, Movement.periodsOnBoard(0, 21, TOP_20));
        assertEquals(3, Movement.periodsOnBoard(3, 40, TOP_20));
    }

    @Test
    void aSimulatedRankIsAnArrowFromTheCurrentRank() {
        assertEquals("UP 2", Movement.arrow(3, 5));
        assertEquals("DOWN 4", Movement.arrow(9, 5));
        assertEquals("SAME", Movement.arrow(5, 5));
    }
}
