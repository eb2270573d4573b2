package io.caimei.scoring.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.caimei.events.Channel;
import io.caimei.events.Period;
import io.caimei.events.PeriodClosed;
import io.caimei.scoring.config.ScoringConfig;
import io.caimei.scoring.mapping.ChannelWatermark;
import io.caimei.scoring.mapping.ClosePoint;
import io.caimei.scoring.mapping.EntityPeriod;
import io.caimei.scoring.repository.ClosedPeriodRepository;
import io.caimei.scoring.repository.ProgressRepository;

/**
 * Periods and the event-time watermark ({@link Watermark}: per channel, behind the slowest active one): a period
 * closes once its end is before the watermark, or when an admin closes it. Closed periods take no more counts.
 */
@ApplicationScoped
public class PeriodService {

    private static final Logger LOG = Logger.getLogger(PeriodService.class);

    private final ProgressRepository progress;
    private final ClosedPeriodRepository closedPeriods;
    private final ScorePublisher publisher;
    private final ScoreService scores;
    private final Duration allowedLateness;
    private final Duration idleTimeout;
    private final long checkIntervalMillis;
    private final Map<String, ClosePoint> closed = new ConcurrentHashMap<>();
    /** Periods scored on this replica and not known to be closed: the candidates for closing. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private volatile long lastCheck;
    private volatile int partitionCount = 1;

    public PeriodService(ScoringConfig config, ProgressRepository progress, ClosedPeriodRepository closedPeriods,
            ScorePublisher publisher, ScoreService scores) {
        this.progress = progress;
        this.closedPeriods = closedPeriods;
        this.publisher = publisher;
        this.scores = scores;
        this.allowedLateness = config.scoring().allowedLateness();
        this.idleTimeout = config.scoring().channelIdleTimeout();
        this.checkIntervalMillis = config.scoring().closeCheckInterval().toMillis();
    }

    public boolean isClosed(String period) {
        return closed.containsKey(period);
    }

    /**
     * True when an event at this offset must not count for the period: the period is closed and the event came
     * after the close. Events before the close still count when the topic is replayed, so a rebuild from Kafka
     * reproduces the same counts.
     */
    public boolean isLate(String period, int partition, long offset) {
        ClosePoint at = closed.get(period);
        return at != null && at.isLate(partition, offset);
    }

    public int partitionCount() {
        return partitionCount;
    }

    public void setPartitionCount(int count) {
        this.partitionCount = Math.max(1, count);
    }

    /** Remembers the periods of scored pairs as candidates for closing. */
    public void observe(Set<EntityPeriod> scored) {
        scored.forEach(m -> known.add(m.period()));
    }

    /** The watermark over every channel's latest applied event time (all partitions). */
    public Optional<Instant> watermark() {
        return Watermark.of(latestByChannel(), allowedLateness, idleTimeout);
    }

    /** Each channel's latest applied event time over all partitions (epoch millis). */
    public Map<Channel, Long> latestByChannel() {
        Map<Channel, Long> latest = new EnumMap<>(Channel.class);
        latestByPartition().values().forEach(own -> own.forEach((c, t) -> latest.merge(c, t, Math::max)));
        return latest;
    }

    /** Each partition's channels' latest applied event times (epoch millis). */
    private Map<Integer, Map<Channel, Long>> latestByPartition() {
        Map<Integer, Map<Channel, Long>> byPartition = new HashMap<>();
        for (int p = 0; p < partitionCount; p++) {
            byPartition.put(p, progress.latestByChannel(p));
        }
        return byPartition;
    }

    /** Each channel's own watermark and whether it is idle (holds nothing open), for operators. */
    public List<ChannelWatermark> channels() {
        Map<Channel, Long> latest = latestByChannel();
        List<ChannelWatermark> out = new ArrayList<>();
        latest.forEach((c, t) -> out.add(new ChannelWatermark(c, Instant.ofEpochMilli(t).toString(),
                Instant.ofEpochMilli(t).minus(allowedLateness).toString(), Watermark.idle(latest, c, idleTimeout))));
        return out;
    }

    /**
     * At most once per check interval: refreshes the closed set and closes every known period the watermark passed.
     * {@code behind} gives this replica's partitions with records still waiting in Kafka (asked only when a check
     * is due, since it asks the broker): each holds the watermark at its own (its slowest active channel's), so a
     * partition that one poll served ahead of another cannot close a period whose events the other has not reached
     * yet, which a backlog would otherwise turn into LATE.
     */
    public void closeDuePeriods(Supplier<Set<Integer>> behind) {
        long now = System.currentTimeMillis();
        if (now - lastCheck < checkIntervalMillis) {
            return;
        }
        lastCheck = now;
        refreshClosed();
        Optional<Instant> wm = Watermark.closing(latestByPartition(), behind.get(), allowedLateness, idleTimeout);
        if (wm.isEmpty()) {
            return;
        }
        List<Period> due = new ArrayList<>();
        for (String id : List.copyOf(known)) {
            if (closed.containsKey(id)) {
                known.remove(id);
                continue;
            }
            Period p = Period.parse(id).orElse(null);
            if (p != null && p.end().isBefore(wm.get())) {
                due.add(p);
            }
        }
        // oldest first: the ranking computes a period's movement (previous rank, peak, periods on board) from the
        // periods frozen before it, so a day must not freeze before the day ahead of it when a backlog lets the
        // watermark pass several at once
        due.sort(CLOSING_ORDER);
        due.forEach(p -> close(p.id(), PeriodClosed.BY_WATERMARK));
    }

    /** Earlier end first; for one end, the shorter period first (a Sunday before its week). */
    static final Comparator<Period> CLOSING_ORDER = Comparator.comparing(Period::end)
            .thenComparing(p -> p.kind().ordinal());

    /** Closes a period (idempotent) and announces it; true when it was open before. */
    public boolean close(String period, String reason) {
        // scores applied before the close must travel ahead of its markers
        for (int p = 0; p < partitionCount; p++) {
            scores.publishDirty(p);
        }
        Map<Integer, Long> offsets = new HashMap<>();
        for (int p = 0; p < partitionCount; p++) {
            offsets.put(p, progress.appliedOffset(p));
        }
        boolean fresh = closedPeriods.close(period, new ClosePoint(offsets));
        refreshClosed();
        known.remove(period);
        if (fresh) {
            LOG.infof("period %s closed (%s)", period, reason);
        }
        publisher.publishClosed(new PeriodClosed(period, Instant.now().toString(), reason));
        return fresh;
    }

    public Set<String> closedPeriods() {
        refreshClosed();
        return Set.copyOf(closed.keySet());
    }

    private void refreshClosed() {
        closed.putAll(closedPeriods.all());
    }
}
