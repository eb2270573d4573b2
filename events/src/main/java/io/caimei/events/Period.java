package io.caimei.events;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A calendar period in Asia/Shanghai written as in the design: {@code 2024-02-14}, {@code 2024-W07},
 * {@code 2024-02} or {@code 2024}. Its span is [start, end) where start is the first local day.
 */
public record Period(PeriodKind kind, LocalDate firstDay) implements Comparable<Period> {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final Pattern DAY = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    /** The period of the given kind that contains the instant, in Asia/Shanghai. */
    public static Period of(PeriodKind kind, Instant instant) {
        return containing(kind, instant.atZone(ZONE).toLocalDate());
    }

    /** The period of the kind that contains a local day. */
    public static Period containing(PeriodKind kind, LocalDate day) {
        return switch (kind) {
            case DAY -> new Period(kind, day);
            case WEEK -> new Period(kind, day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
            case MONTH -> new Period(kind, day.withDayOfMonth(1));
            case YEAR -> new Period(kind, day.withDayOfYear(1));
        };
    }

    /** The four periods (day, week, month, year) that contain the instant. */
    public static List<Period> allContaining(Instant instant) {
        return List.of(of(PeriodKind.DAY, instant), of(PeriodKind.WEEK, instant),
                of(PeriodKind.MONTH, instant), of(PeriodKind.YEAR, instant));
    }

    /** Parses a period id; empty when it is not one of the four written forms or not a real date. */
    public static Optional<Period> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            Matcher m = DAY.matcher(text);
            if (m.matches()) {
                return Optional.of(new Period(PeriodKind.DAY, LocalDate.parse(text)));
            }
            m = WEEK.matcher(text);
            if (m.matches()) {
                int year = Integer.parseInt(m.group(1));
                int week = Integer.parseInt(m.group(2));
                LocalDate anchor = LocalDate.of(year, 1, 4);
                if (week < 1 || week > anchor.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
                    return Optional.empty();
                }
                LocalDate monday = anchor.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                return Optional.of(new Period(PeriodKind.WEEK, monday));
            }
            m = MONTH.matcher(text);
            if (m.matches()) {
                int month = Integer.parseInt(m.group(2));
                if (month < 1 || month > 12) {
                    return Optional.empty();
                }
                return Optional.of(new Period(PeriodKind.MONTH, LocalDate.of(Integer.parseInt(m.group(1)), month, 1)));
            }
            m = YEAR.matcher(text);
            if (m.matches()) {
                return Optional.of(new Period(PeriodKind.YEAR, LocalDate.of(Integer.parseInt(text), 1, 1)));
            }
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The written id, e.g. {@code 2025-W01}. */
    public String id() {
        return switch (kind) {
            case DAY -> firstDay.toString();
            // written by hand: String.format was the scorer's hottest frame (it runs for every event and period)
            case WEEK -> pad(firstDay.get(IsoFields.WEEK_BASED_YEAR), 4) + "-W"
                    + pad(firstDay.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2);
            case MONTH -> pad(firstDay.getYear(), 4) + "-" + pad(firstDay.getMonthValue(), 2);
            case YEAR -> pad(firstDay.getYear(), 4);
        };
    }

    /** The ids of the four periods (day, week, month, year) that contain a local day, in that order. */
    public static String[] idsContaining(LocalDate day) {
        return new String[] { containing(PeriodKind.DAY, day).id(), containing(PeriodKind.WEEK, day).id(),
                containing(PeriodKind.MONTH, day).id(), containing(PeriodKind.YEAR, day).id() };
    }

    /** {@code n} zero-padded to {@code width} digits, as {@code %0<width>d} would write it. */
    private static String pad(int n, int width) {
        String digits = Integer.toString(Math.abs(n));
        StringBuilder out = new StringBuilder(width + 1);
        if (n < 0) {
            out.append('-');
            width--;
        }
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits).toString();
    }

    /** The first local day after the period. */
    public LocalDate endDay() {
        return switch (kind) {
            case DAY -> firstDay.plusDays(1);
            case WEEK -> firstDay.plusWeeks(1);
            case MONTH -> firstDay.plusMonths(1);
            case YEAR -> firstDay.plusYears(1);
        };
    }

    public Instant start() {
        return firstDay.atStartOfDay(ZONE).toInstant();
    }

    /** Exclusive end instant. */
    public Instant end() {
        return endDay().atStartOfDay(ZONE).toInstant();
    }

    /** The period of the same granularity just before this one. */
    public Period previous() {
        ZonedDateTime justBefore = start().minusSeconds(1).atZone(ZONE);
        return of(kind, justBefore.toInstant());
    }

    /** The period of the same granularity just after this one. */
    public Period next() {
        return of(kind, end());
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start()) && instant.isBefore(end());
    }

    @Override
    public int compareTo(Period other) {
        int byKind = kind.compareTo(other.kind);
        return byKind != 0 ? byKind : firstDay.compareTo(other.firstDay);
    }

    @Override
    public String toString() {
        return id();
    }
}
