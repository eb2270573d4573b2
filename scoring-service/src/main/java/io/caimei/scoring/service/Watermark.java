package io.caimei.scoring.service;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /**
     * The watermark periods close behind, from each partition's channels' latest event times: {@link #of} over all
     * partitions, held back to the own watermark of every partition in {@code behind} (records still waiting in
     * Kafka). A poll may serve one partition a day ahead of another during a backlog; without the hold the leader
     * would close periods whose events the laggard has yet to deliver. Empty while nothing can close.
     */
    public static Optional<Instant> closing(Map<Integer, Map<Channel, Long>> byPartition, Set<Integer> behind,
            Duration lateness, Duration idleTimeout) {
        Map<Channel, Long> latest = new EnumMap<>(Channel.class);
        byPartition.values().forEach(own -> own.forEach((c, t) -> latest.merge(c, t, Math::max)));
        Optional<Instant> wm = of(latest, lateness, idleTimeout);
        for (Integer p : behind) {
            Optional<Instant> own = of(byPartition.getOrDefault(p, Map.of()), lateness, idleTimeout);
            if (own.isEmpty()) {
                return Optional.empty(); // records waiting and none applied yet
            }
            if (wm.isPresent() && own.get().isBefore(wm.get())) {
                wm = own;
            }
        }
        return wm;
    }

    /** True when the channel no longer holds periods open: it is more than the idle timeout behind the newest. */
    public static boolean idle(Map<Channel, Long> latest, Channel channel, Duration idleTimeout) {
        long newest = latest.values().stream().mapToLong(Long::longValue).max().orElse(0);
        Long own = latest.get(channel);
        return own != null && own < newest - idleTimeout.toMillis();
    }
}
