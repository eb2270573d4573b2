package io.caimei.demo.generate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Groups the time-ordered stream into per-channel batches: a batch leaves when it is full, or when its oldest
 * record is {@code maxLagMillis} older than the newest record seen, so no record is posted more than that behind the
 * stream (below the server's 2 h allowed lateness, so no day closes before its records arrive).
 */
public final class Batcher {

    /** 90 minutes: a 30-minute margin below the server's default allowed lateness of 2 hours. */
    public static final long DEFAULT_MAX_LAG_MILLIS = 90 * 60_000L;

    /** One request's worth of records of one channel, in time order. */
    public record Batch(Channel channel, List<DemoEvent> events) {

        public String body() {
            return Payloads.body(channel, events);
        }

        public long lastMilli() {
            return events.get(events.size() - 1).epochMilli();
        }
    }

    private final int size;
    private final long maxLagMillis;
    private final Consumer<Batch> sink;
    private final Map<Channel, List<DemoEvent>> buffers = new EnumMap<>(Channel.class);

    public Batcher(int size, long maxLagMillis, Consumer<Batch> sink) {
        if (size < 1) {
            throw new IllegalArgumentException("a batch holds at least one record");
        }
        this.size = size;
        this.maxLagMillis = maxLagMillis;
        this.sink = sink;
    }

    public void add(DemoEvent e) {
        flushOlderThan(e.epochMilli() - maxLagMillis);
        List<DemoEvent> buffer = buffers.computeIfAbsent(e.channel(), c -> new ArrayList<>(size));
        buffer.add(e);
        if (buffer.size() >= size) {
            emit(e.channel());
        }
    }

    /** Emits every remaining buffer, oldest first. */
    public void finish() {
        flushOlderThan(Long.MAX_VALUE);
    }

    private void flushOlderThan(long limit) {
        while (true) {
            Channel oldest = null;
            long oldestTime = Long.MAX_VALUE;
            for (Map.Entry<Channel, List<DemoEvent>> en : buffers.entrySet()) {
                List<DemoEvent> b = en.getValue();
                if (!b.isEmpty() && b.get(0).epochMilli() < oldestTime) {
                    oldestTime = b.get(0).epochMilli();
                    oldest = en.getKey();
                }
            }
            if (oldest == null || oldestTime >= limit) {
                return;
            }
            emit(oldest);
        }
    }

    private void emit(Channel channel) {
        List<DemoEvent> b = buffers.get(channel);
        sink.accept(new Batch(channel, List.copyOf(b)));
        b.clear();
    }
}
