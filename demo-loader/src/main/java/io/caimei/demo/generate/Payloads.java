package io.caimei.demo.generate;

import java.time.LocalDateTime;
import java.util.List;
import java.util.function.BiConsumer;

/** Formats a batch of one channel's records as that channel's native request body. */
public final class Payloads {

    private Payloads() {
    }

    /** The request body: CDR lines, or a JSON array of 5G reports or tracking events. */
    public static String body(Channel channel, List<DemoEvent> events) {
        StringBuilder b = new StringBuilder(events.size() * 120);
        switch (channel.format()) {
            case CDR -> events.forEach(e -> cdrLine(b, e).append('\n'));
            case FIVE_G -> jsonArray(b, events, Payloads::fiveG);
            case TRACKING -> jsonArray(b, events, Payloads::tracking);
        }
        return b.toString();
    }

    /** {@code cdrId|callingMsisdn|calledMsisdn|contentCode|event|yyyyMMddHHmmss}, Asia/Shanghai local time. */
    public static StringBuilder cdrLine(StringBuilder b, DemoEvent e) {
        boolean crbt = e.channel() == Channel.CRBT;
        b.append(e.id()).append('|').append(crbt ? e.user() : e.other()).append('|')
                .append(crbt ? e.other() : e.user()).append('|').append(e.targetId()).append('|')
                .append(e.action()).append('|');
        return localTime(b, e.epochMilli(), true);
    }

    private static void fiveG(StringBuilder b, DemoEvent e) {
        b.append("{\"messageId\":");
        string(b, e.id());
        b.append(",\"msisdn\":");
        string(b, e.user());
        b.append(",\"contentId\":");
        string(b, e.targetId());
        b.append(",\"status\":");
        string(b, e.action());
        b.append(",\"timestamp\":").append(e.epochMilli()).append('}');
    }

    private static void tracking(StringBuilder b, DemoEvent e) {
        b.append("{\"eid\":");
        string(b, e.id());
        b.append(",\"uid\":");
        string(b, e.user());
        b.append(",\"act\":");
        string(b, e.action());
        b.append(",\"target\":{\"type\":");
        string(b, e.targetType());
        b.append(",\"id\":");
        string(b, e.targetId());
        b.append("},\"t\":\"");
        localTime(b, e.epochMilli(), false).append("+08:00\"}");
    }

    private static void jsonArray(StringBuilder b, List<DemoEvent> events,
            BiConsumer<StringBuilder, DemoEvent> item) {
        b.append('[');
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            item.accept(b, events.get(i));
        }
        b.append(']');
    }

    /** Compact ({@code yyyyMMddHHmmss}) or ISO ({@code yyyy-MM-ddTHH:mm:ss}) Asia/Shanghai local time, to the second. */
    static StringBuilder localTime(StringBuilder b, long epochMilli, boolean compact) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMilli, 1000L), 0,
                YearRhythm.CHINA);
        pad(b, t.getYear(), 4);
        if (!compact) {
            b.append('-');
        }
        pad(b, t.getMonthValue(), 2);
        if (!compact) {
            b.append('-');
        }
        pad(b, t.getDayOfMonth(), 2);
        if (!compact) {
            b.append('T');
        }
        pad(b, t.getHour(), 2);
        if (!compact) {
            b.append(':');
        }
        pad(b, t.getMinute(), 2);
        if (!compact) {
            b.append(':');
        }
        pad(b, t.getSecond(), 2);
        return b;
    }

    private static void pad(StringBuilder b, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        b.append(s);
    }

    /** A JSON string; the generated values are ASCII, but quotes, backslashes and controls are escaped anyway. */
    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }
}
