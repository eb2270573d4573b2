package io.caimei.ingest.mapping;

import io.caimei.events.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The one entry point of the package: picks the parser for a channel's native format, and validates
 * canonical events. Thread-safe; hold one instance.
 *
 * <pre>{@code
 * NativeFormats formats = new NativeFormats(new UserKeys(secret));
 * List<RecordResult> results = formats.parse(Channel.CRBT, body, Instant.now());
 * }</pre>
 *
 * The results are ordered by index; accepted events are canonical but neither attributed nor deduplicated.
 */
public final class NativeFormats {

    private final CdrParser cdr;
    private final FiveGMessageParser fiveG;
    private final TrackingEventParser tracking;
    private final CanonicalEventValidator canonical;

    public NativeFormats(UserKeys keys) {
        Objects.requireNonNull(keys, "keys");
        this.cdr = new CdrParser(keys);
        this.fiveG = new FiveGMessageParser(keys);
        this.tracking = new TrackingEventParser(keys);
        this.canonical = new CanonicalEventValidator(keys);
    }

    /**
     * Parses a native body of {@code channel}: CDR lines for CRBT, CALLER_ID and OUTBOUND_12530; 5G status
     * reports for MSG_5G; tracking events for MIGU_APP, MINI_PROGRAM, CMCC_APP_SDK and H5.
     *
     * @param now the reference for the 5-minute future limit
     * @return one result per record (never empty)
     * @throws ParseException when nothing in the body is parseable (empty body, JSON sent to a CDR channel,
     *     non-JSON sent to a JSON channel, no record at all)
     */
    public List<RecordResult> parse(Channel channel, String body, Instant now) {
        Objects.requireNonNull(channel, "channel");
        return switch (channel) {
            case CRBT, CALLER_ID, OUTBOUND_12530 -> cdr.parse(channel, body, now);
            case MSG_5G -> fiveG.parse(body, now);
            case MIGU_APP, MINI_PROGRAM, CMCC_APP_SDK, H5 -> tracking.parse(channel, body, now);
        };
    }

    /**
     * Validates canonical events posted by trusted systems (a JSON array or a single object).
     *
     * @throws ParseException as for {@link #parse}
     */
    public List<RecordResult> parseCanonical(String body, Instant now) {
        return canonical.validate(body, now);
    }
}
