package io.caimei.scoring.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.caimei.events.CanonicalEvent;
import io.caimei.events.Period;
import io.caimei.events.PeriodClosed;
import io.caimei.scoring.config.ScoringConfig;
import io.caimei.scoring.repository.AggregateRepository;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Periods and the event-time watermark: a period closes once its end is before the latest accepted event
 * time minus the allowed lateness, or when an admin closes it. Closed periods take no more counts.
 */
@ApplicationScoped
public class PeriodService {

    private static final Logger LOG = Logger.getLogger(PeriodService.class);

    private final ScoringConfig config;
    private final AggregateRepository aggregates;
    private final ScorePublisher publisher;
    private final Redis redis;
    private final jakarta.enterprise.inject.Instance<ScoreService> scores;
    /** Closed period → the applied offset of each partition when it closed; later offsets are late for it. */
    private final Map<String, Map<Integer, Long>> closed = new ConcurrentHashMap<>();
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final List<DeadLetter> pendingLetters = new ArrayList<>();
    private volatile long lastCheck;
    private volatile int partitionCount = 1;

    public PeriodService(ScoringConfig config, AggregateRepository aggregates, ScorePublisher publisher, Redis redis,
            jakarta.enterprise.inject.Instance<ScoreService> scores) {
        this.scores = scores;
        this.config = config;
        this.aggregates = aggregates;
        this.publisher = publisher;
        this.redis = redis;
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
        Map<Integer, Long> at = closed.get(period);
        return at != null && offset > at.getOrDefault(partition, -1L);
    }

    public int partitionCount() {
        return partitionCount;
    }

    public void setPartitionCount(int count) {
        this.partitionCount = Math.max(1, count);
    }

    /** Remembers the periods of scored members ({@code type|id|period}) as candidates for closing. */
    public void observe(Set<String> dirtyMembers) {
        for (String m : dirtyMembers) {
            known.add(m.substring(m.lastIndexOf('|') + 1));
        }
    }

    public synchronized void recordLate(CanonicalEvent e, String period) {
        pendingLetters.add(new DeadLetter(e.entityId(), "LATE", period, e, "period " + period + " is closed"));
    }

    public synchronized void recordUnreadable(String topic, int partition, long offset, String detail) {
        pendingLetters.add(new DeadLetter(topic + "-" + partition + "@" + offset, "UNREADABLE", null, null, detail));
    }

    /** Sends the dead letters gathered during a batch; called before the batch's offsets are committed. */
    public void flushDeadLetters() {
        List<DeadLetter> letters;
        synchronized (this) {
            if (pendingLetters.isEmpty()) {
                return;
            }
            letters = new ArrayList<>(pendingLetters);
            pendingLetters.clear();
        }
        publisher.publishDeadLetters(letters);
    }

    /** The watermark: the latest applied event time over all partitions minus the allowed lateness. */
    public Optional<Instant> watermark() {
        long max = 0;
        for (int p = 0; p < partitionCount; p++) {
            max = Math.max(max, aggregates.maxEventMillis(p));
        }
        if (max == 0) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(max).minus(config.scoring().allowedLateness()));
    }

    /** At most once a second: refreshes the closed set and closes every known period the watermark passed. */
    public void closeDuePeriods() {
        long now = System.currentTimeMillis();
        if (now - lastCheck < 1000) {
            return;
        }
        lastCheck = now;
        refreshClosed();
        Optional<Instant> wm = watermark();
        if (wm.isEmpty()) {
            return;
        }
        for (String id : List.copyOf(known)) {
            if (closed.containsKey(id)) {
                known.remove(id);
                continue;
            }
            Period p = Period.parse(id).orElse(null);
            if (p != null && p.end().isBefore(wm.get())) {
                close(id, PeriodClosed.BY_WATERMARK);
            }
        }
    }

    /** Closes a period (idempotent) and announces it; true when it was open before. */
    public boolean close(String period, String reason) {
        // scores applied before the close must travel ahead of its markers
        for (int p = 0; p < partitionCount; p++) {
            scores.get().publishDirty(p);
        }
        Map<Integer, Long> offsets = new HashMap<>();
        for (int p = 0; p < partitionCount; p++) {
            offsets.put(p, aggregates.appliedOffset(p));
        }
        String encoded = offsets.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        Response added = redis.send(Request.cmd(Command.HSETNX).arg(aggregates.keys().closedPeriods()).arg(period)
                .arg(encoded)).await().indefinitely();
        boolean fresh = added != null && added.toInteger() == 1;
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
        Response r = redis.send(Request.cmd(Command.HGETALL).arg(aggregates.keys().closedPeriods()))
                .await().indefinitely();
        if (r == null) {
            return;
        }
        for (String period : r.getKeys()) {
            Map<Integer, Long> offsets = new HashMap<>();
            for (String pair : r.get(period).toString().split(",")) {
                if (!pair.isBlank()) {
                    String[] kv = pair.split("=");
                    offsets.put(Integer.parseInt(kv[0]), Long.parseLong(kv[1]));
                }
            }
            closed.put(period, offsets);
        }
    }
}
