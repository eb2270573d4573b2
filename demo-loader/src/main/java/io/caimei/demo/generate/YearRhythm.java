package io.caimei.demo.generate;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;

/**
 * How a year's records spread over its hours (Asia/Shanghai): a daily rhythm with morning (8–10 h) and evening
 * (18–23 h) peaks, busier weekends, slow growth over the year, and holiday peaks several times an ordinary day
 * around Spring Festival 2024 (Feb 9–17), May Day (May 1–5) and National Day (Oct 1–7).
 */
public final class YearRhythm {

    public static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    /** Relative volume of each hour of the day. */
    static final double[] HOUR = { 0.35, 0.20, 0.12, 0.08, 0.07, 0.10, 0.30, 0.70, 1.40, 1.60, 1.40, 1.10, 1.20,
        1.00, 0.90, 0.90, 1.00, 1.10, 1.60, 1.90, 2.10, 2.10, 1.70, 0.90 };

    /** Holiday multipliers by date (month-day, so any year gets the same festive calendar). */
    static final Map<MonthDay, Double> HOLIDAYS = Map.ofEntries(
            Map.entry(MonthDay.of(2, 9), 4.0), Map.entry(MonthDay.of(2, 10), 5.0), Map.entry(MonthDay.of(2, 11), 4.5),
            Map.entry(MonthDay.of(2, 12), 4.0), Map.entry(MonthDay.of(2, 13), 3.6), Map.entry(MonthDay.of(2, 14), 3.6),
            Map.entry(MonthDay.of(2, 15), 3.2), Map.entry(MonthDay.of(2, 16), 3.0), Map.entry(MonthDay.of(2, 17), 2.8),
            Map.entry(MonthDay.of(5, 1), 3.2), Map.entry(MonthDay.of(5, 2), 3.0), Map.entry(MonthDay.of(5, 3), 2.8),
            Map.entry(MonthDay.of(5, 4), 2.6), Map.entry(MonthDay.of(5, 5), 2.4),
            Map.entry(MonthDay.of(10, 1), 3.6), Map.entry(MonthDay.of(10, 2), 3.4), Map.entry(MonthDay.of(10, 3), 3.2),
            Map.entry(MonthDay.of(10, 4), 3.0), Map.entry(MonthDay.of(10, 5), 2.8), Map.entry(MonthDay.of(10, 6), 2.6),
            Map.entry(MonthDay.of(10, 7), 2.4));

    private final int year;
    private final long startSecond;
    private final int hours;
    private final double[] weight;
    /** Seconds usable in each hour (3600, fewer for the hour containing notAfter, 0 after it). */
    private final int[] usable;

    /** The rhythm of {@code year}, with nothing at or after {@code notAfter} (for a year still running). */
    public YearRhythm(int year, Instant notAfter) {
        this.year = year;
        LocalDate first = LocalDate.of(year, 1, 1);
        this.startSecond = first.atStartOfDay().toEpochSecond(CHINA);
        this.hours = first.lengthOfYear() * 24;
        this.weight = new double[hours];
        this.usable = new int[hours];
        long limit = notAfter.getEpochSecond();
        for (int h = 0; h < hours; h++) {
            long start = startSecond + h * 3600L;
            int seconds = (int) Math.max(0, Math.min(3600, limit - start));
            usable[h] = seconds;
            LocalDate day = first.plusDays(h / 24);
            weight[h] = dayFactor(day) * HOUR[h % 24] * seconds / 3600.0;
        }
    }

    /** The relative volume of a whole day. */
    public static double dayFactor(LocalDate day) {
        double f = HOLIDAYS.getOrDefault(MonthDay.from(day), 1.0);
        if (f == 1.0 && (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY)) {
            f = 1.15;
        }
        return f * (1.0 + 0.25 * (day.getDayOfYear() - 1) / 365.0);
    }

    public int year() {
        return year;
    }

    public int hours() {
        return hours;
    }

    /** Epoch second of the start of hour h. */
    public long hourStart(int h) {
        return startSecond + h * 3600L;
    }

    public int usableSeconds(int h) {
        return usable[h];
    }

    /**
     * Splits {@code total} records over the hours in proportion to their weight, exactly (largest remainder,
     * ties to the earlier hour).
     */
    public long[] allocate(long total) {
        double sum = 0;
        for (double w : weight) {
            sum += w;
        }
        long[] counts = new long[hours];
        if (total == 0) {
            return counts;
        }
        if (sum == 0) {
            throw new IllegalArgumentException("no time of " + year + " is before now, so no event can be generated");
        }
        double[] remainder = new double[hours];
        long assigned = 0;
        for (int h = 0; h < hours; h++) {
            double exact = total * weight[h] / sum;
            counts[h] = (long) Math.floor(exact);
            remainder[h] = exact - counts[h];
            assigned += counts[h];
        }
        Integer[] order = new Integer[hours];
        for (int h = 0; h < hours; h++) {
            order[h] = h;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(remainder[b], remainder[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        for (int i = 0; assigned < total; i++) {
            int h = order[i % hours];
            if (usable[h] > 0) {
                counts[h]++;
                assigned++;
            }
        }
        return counts;
    }
}
