package io.caimei.demo.generate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** Counts of a generated stream: per channel, per action, per day, requests and bytes, and its time order. */
public final class Stats {

    private long records;
    private long requests;
    private long bytes;
    private long firstMilli = Long.MAX_VALUE;
    private long lastMilli = Long.MIN_VALUE;
    private boolean ordered = true;
    private final Map<Channel, Long> byChannel = new EnumMap<>(Channel.class);
    private final Map<String, Long> byAction = new TreeMap<>();
    private final Map<String, Long> byTargetType = new TreeMap<>();
    private final long[] byDayOfYear = new long[367];
    private int year;

    public void add(DemoEvent e) {
        records++;
        if (e.epochMilli() < lastMilli) {
            ordered = false;
        }
        firstMilli = Math.min(firstMilli, e.epochMilli());
        lastMilli = Math.max(lastMilli, e.epochMilli());
        byChannel.merge(e.channel(), 1L, Long::sum);
        byAction.merge(e.channel().format() == Channel.Format.TRACKING ? e.action() : e.channel() + " " + e.action(),
                1L, Long::sum);
        byTargetType.merge(e.targetType(), 1L, Long::sum);
        LocalDate day = day(e.epochMilli());
        year = day.getYear();
        byDayOfYear[day.getDayOfYear()]++;
    }

    public void request(int bodyBytes) {
        requests++;
        bytes += bodyBytes;
    }

    static LocalDate day(long epochMilli) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMilli), YearRhythm.CHINA);
    }

    public long records() { return records; }
    public long requests() { return requests; }
    public long bytes() { return bytes; }
    public long firstMilli() { return firstMilli; }
    public long lastMilli() { return lastMilli; }
    public boolean ordered() { return ordered; }
    public Map<Channel, Long> byChannel() { return byChannel; }
    public Map<String, Long> byAction() { return byAction; }
    public Map<String, Long> byTargetType() { return byTargetType; }

    /** Records on a day of the stream's year. */
    public long onDay(LocalDate day) {
        return day.getYear() == year ? byDayOfYear[day.getDayOfYear()] : 0;
    }
}
