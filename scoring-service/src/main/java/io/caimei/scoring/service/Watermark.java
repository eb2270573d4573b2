package io.caimei.scoring.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.caimei.events.Channel;

/**
 * DESIGN §4's watermark: each channel's is its latest accepted event time minus the allowed lateness; periods close
 * behind the slowest active channel. A channel whose latest event is more than the idle timeout behind the newest of
 * any channel is idle and holds nothing open until it sends again. Measured in event time, so a replay closes the
 * same periods as the live run.
 */
public final class Watermark {

    private Watermark() {
    }

    /** The watermark over the channels' latest event times (epoch millis); empty before the first event. */
    public static Optional<Instant> of(Map<Channel, Long> latest, Duration lateness, Duration idleTimeout) {
        long newest = latest.values().stream().mapToLong(Long::longValue).max().orElse(0);
        if (newest <= 0) {
            return Optional.empty();
        }
        long idleBefore = newest - idleTimeout.toMillis();
        long slowest = latest.values().stream().mapToLong(Long::longValue).filter(t -> t >= idleBefore).min()
                .orElse(newest);
        return Optional.of(Instant.ofEpochMilli(slowest).minus(lateness));
    }

    /** True when the channel no longer holds periods open: it is more than the idle timeout behind the newest. */
    public static boolean idle(Map<Channel, Long> latest, Channel channel, Duration idleTimeout) {
        long newest = latest.values().stream().mapToLong(Long::longValue).max().orElse(0);
        Long own = latest.get(channel);
        return own != null && own < newest - idleTimeout.toMillis();
    }
}
