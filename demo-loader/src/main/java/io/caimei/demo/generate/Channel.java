package io.caimei.demo.generate;

import java.util.Locale;

/** The eight ingest channels, their native format and their share of the demo's records. */
public enum Channel {
    CRBT(Format.CDR, 0.55),
    MIGU_APP(Format.TRACKING, 0.15),
    CALLER_ID(Format.CDR, 0.10),
    MSG_5G(Format.FIVE_G, 0.08),
    MINI_PROGRAM(Format.TRACKING, 0.05),
    OUTBOUND_12530(Format.CDR, 0.03),
    CMCC_APP_SDK(Format.TRACKING, 0.025),
    H5(Format.TRACKING, 0.015);

    /** How a channel writes its records. */
    public enum Format {
        /** {@code cdrId|callingMsisdn|calledMsisdn|contentCode|event|yyyyMMddHHmmss} lines, text/plain. */
        CDR,
        /** JSON array of 5G message status reports. */
        FIVE_G,
        /** JSON array of internet tracking events. */
        TRACKING
    }

    private final Format format;
    private final double share;

    Channel(Format format, double share) {
        this.format = format;
        this.share = share;
    }

    public Format format() {
        return format;
    }

    public double share() {
        return share;
    }

    /** The request Content-Type of a batch. */
    public String contentType() {
        return format == Format.CDR ? "text/plain; charset=utf-8" : "application/json";
    }

    /** The lowercase id prefix of the channel's event ids. */
    public String idPrefix() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
