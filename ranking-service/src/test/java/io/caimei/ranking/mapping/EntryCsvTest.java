package io.caimei.ranking.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How a CSV export writes a score. */
class EntryCsvTest {

    @Test
    void aScoreIsWrittenWithFourDecimalsAndARoundingResidueBelowZeroAsZero() {
        assertEquals("273.5671", EntryCsv.score(273.5671));
        assertEquals("0.0000", EntryCsv.score(-1e-17));
        assertEquals("0.0000", EntryCsv.score(-0.0));
        assertEquals("-0.0001", EntryCsv.score(-0.0001));
    }
}
