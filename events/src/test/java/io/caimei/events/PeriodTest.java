package io.caimei.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Period bucketing in Asia/Shanghai, parsing and navigation. */
class PeriodTest {

    @Test
    void aLateEveningOnNewYearsEveFallsInTheLastDayButTheFirstIsoWeekOfNextYear() {
        Instant t = OffsetDateTime.parse("2024-12-31T23:30+08:00").toInstant();
        List<String> ids = Period.allContaining(t).stream().map(Period::id).toList();
        assertEquals(List.of("2024-12-31", "2025-W01", "2024-12", "2024"), ids);
    }

    @Test
    void anEventJustAfterMidnightShanghaiTimeIsTheNextDayEvenThoughItIsStillTheDayBeforeInUtc() {
        Instant t = OffsetDateTime.parse("2024-02-13T16:30Z").toInstant();
        assertEquals("2024-02-14", Period.of(PeriodKind.DAY, t).id());
        assertEquals("2024-W07", Period.of(PeriodKind.WEEK, t).id());
    }

    @Test
    void weeksStartOnMonday() {
        Instant sunday = OffsetDateTime.parse("2024-02-18T23:59:59+08:00").toInstant();
        Instant monday = OffsetDateTime.parse("2024-02-19T00:00:00+08:00").toInstant();
        assertEquals("2024-W07", Period.of(PeriodKind.WEEK, sunday).id());
        assertEquals("2024-W08", Period.of(PeriodKind.WEEK, monday).id());
    }

    @Test
    void everyWrittenFormParsesBackToItself() {
        for (String id : List.of("2024-02-14", "2024-W07", "2025-W01", "2020-W53", "2024-02", "2024")) {
            assertEquals(id, Period.parse(id).orElseThrow().id(), id);
        }
    }

    @Test
    void impossiblePeriodsAreNotParsed() {
        for (String id : List.of("2024-02-30", "2024-W54", "2023-W53", "2024-13", "24", "2024/02/14", "", "../etc")) {
            assertTrue(Period.parse(id).isEmpty(), id);
        }
    }

    @Test
    void previousPeriodsCrossYearBoundaries() {
        assertEquals("2024-12-31", Period.parse("2025-01-01").orElseThrow().previous().id());
        assertEquals("2024-W52", Period.parse("2025-W01").orElseThrow().previous().id());
        assertEquals("2024-12", Period.parse("2025-01").orElseThrow().previous().id());
        assertEquals("2023", Period.parse("2024").orElseThrow().previous().id());
    }

    @Test
    void aPeriodContainsItsStartButNotItsEnd() {
        Period day = Period.parse("2024-02-14").orElseThrow();
        assertTrue(day.contains(OffsetDateTime.parse("2024-02-14T00:00+08:00").toInstant()));
        assertFalse(day.contains(OffsetDateTime.parse("2024-02-15T00:00+08:00").toInstant()));
    }

    @Test
    void theFourIdsOfALocalDayAreThoseOfItsPeriodsWithEveryFieldZeroPadded() {
        assertEquals(List.of("2024-12-31", "2025-W01", "2024-12", "2024"),
                List.of(Period.idsContaining(java.time.LocalDate.parse("2024-12-31"))));
        assertEquals(List.of("0999-03-05", "0999-W10", "0999-03", "0999"),
                List.of(Period.idsContaining(java.time.LocalDate.parse("0999-03-05"))));
        for (String day : List.of("2024-01-01", "2021-01-03", "2026-12-01")) {
            Instant noon = OffsetDateTime.parse(day + "T12:00+08:00").toInstant();
            assertEquals(Period.allContaining(noon).stream().map(Period::id).toList(),
                    List.of(Period.idsContaining(java.time.LocalDate.parse(day))), day);
        }
    }
}
