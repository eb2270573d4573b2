package io.caimei.scoring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.caimei.events.Period;

/** Periods the watermark passes together close oldest first, so the ranking freezes them in order. */
class PeriodClosingOrderTest {

    @Test
    void periodsPassedTogetherCloseOldestFirstAndADayBeforeTheWeekItEnds() {
        List<String> expected = List.of("2024-12-27", "2024-12-28", "2024-12-29", "2024-W52", "2024-12-30",
                "2024-12-31", "2024-12", "2024");
        List<Period> periods = new ArrayList<>(expected.stream().map(id -> Period.parse(id).orElseThrow()).toList());
        Collections.shuffle(periods, new Random(7));
        periods.sort(PeriodService.CLOSING_ORDER);
        assertEquals(expected, periods.stream().map(Period::id).toList());
    }
}
