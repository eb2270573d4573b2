package io.caimei.demo.generate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Cuts the time-ordered stream into day waves: every record of one local (China) day, as per-channel batches of at
 * most {@code size} records. The loader posts a wave's batches side by side and waits for all of them before the
 * next wave, so no channel runs a day ahead of another.
 *
 * <p>Why a day is safe: the server's watermark is the slowest active channel's latest event time minus the allowed
 * lateness (2 h), so while only a day's records are in flight it stays at least 2 h short of that day's end and the
 * day (and any week, month or year ending with it) cannot close before its records arrive, in whatever order the
 * wave's requests land. Periods end at local midnight, so one wave per day is the largest wave that holds; it takes
 * about eight requests a day instead of one per channel every 90 minutes.
 */
public final class Batcher {

    /** One request's worth of records of one channel, in time order. */
    public record Batch(Channel channel, List<DemoEvent> events) {

        public String body() {
            return Payloads.body(channel, events);
        }

        public long lastMilli() {
            return events.get(events.size() - 1).epochMilli();
        }
    }

    private static final long DAY_MILLIS = 86_400_000L;
    private static final long CHINA_OFFSET_MILLIS = YearRhythm.CHINA.getTotalSeconds() * 1000L;

    private final int size;
    private final Consumer<List<Batch>> sink;
    private final Map<Channel, List<DemoEvent>> buffers = new EnumMap<>(Channel.class);
    private final List<Batch> wave = new ArrayList<>();
    private long day = Long.MIN_VALUE;

    public Batcher(int size, Consumer<List<Batch>> sink) {
        if (size < 1) {
            throw new IllegalArgumentException("a batch holds at least one record");
        }
        this.size = size;
        this.sink = sink;
    }

    /** The local (China) day number of an instant: waves break at local midnight, where periods end. */
    static long localDay(long epochMilli) {
        return Math.floorDiv(epochMilli + CHINA_OFFSET_MILLIS, DAY_MILLIS);
    }

    public void add(DemoEvent e) {
        long d = localDay(e.epochMilli());
        if (d < day) {
            throw new IllegalArgumentException("records must come in time order: record " + e.seq()
                    + " falls on an earlier day than the one before it");
        }
        if (d != day) {
            emitWave();
            day = d;
        }
        List<DemoEvent> buffer = buffers.computeIfAbsent(e.channel(), c -> new ArrayList<>(size));
        buffer.add(e);
        if (buffer.size() >= size) {
            cut(e.channel(), buffer);
        }
    }

    /** Emits the last wave. */
    public void finish() {
        emitWave();
    }

    private void cut(Channel channel, List<DemoEvent> buffer) {
        wave.add(new Batch(channel, List.copyOf(buffer)));
        buffer.clear();
    }

    private void emitWave() {
        buffers.forEach((c, b) -> {
            if (!b.isEmpty()) {
                cut(c, b);
            }
        });
        if (!wave.isEmpty()) {
            sink.accept(List.copyOf(wave));
            wave.clear();
        }
    }
}
