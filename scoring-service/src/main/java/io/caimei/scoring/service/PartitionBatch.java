package io.caimei.scoring.service;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.caimei.events.CanonicalEvent;
import io.caimei.events.Channel;
import io.caimei.events.EntityType;
import io.caimei.events.Indicator;
import io.caimei.scoring.mapping.EntityKey;
import io.caimei.scoring.mapping.EntityPeriod;
import io.caimei.scoring.repository.RedisKeys;

/**
 * The net effect of one consumer batch on one partition, merged by (entity, period, indicator) so the
 * whole batch is one Redis round trip however many events it holds.
 */
public final class PartitionBatch {

    /** Lua's unpack() has a stack limit; larger member lists are split. */
    private static final int CHUNK = 500;

    private final int partition;
    private final RedisKeys keys;
    private final Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    private final Map<String, String> types = new LinkedHashMap<>();
    private final Map<String, Set<String>> users = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> contributors = new LinkedHashMap<>();
    private final Map<String, Set<String>> sets = new LinkedHashMap<>();
    private final Set<EntityPeriod> dirty = new LinkedHashSet<>();
    private final Map<String, Set<String>> seen = new LinkedHashMap<>();
    private long firstOffset = -1;
    private long lastOffset = -1;
    private final Map<Channel, Long> latestByChannel = new EnumMap<>(Channel.class);
    private int events;

    public PartitionBatch(int partition, RedisKeys keys) {
        this.partition = partition;
        this.keys = keys;
    }

    /** Records the Kafka offset range covered, even for records that change nothing (late ones). */
    public void covers(long offset) {
        if (firstOffset < 0) {
            firstOffset = offset;
        }
        lastOffset = offset;
    }

    /** Remembers an event id in its dedupe bucket, so later copies of the event are recognised. */
    public void remember(long bucket, String id) {
        seen.computeIfAbsent(keys.seenIds(partition, bucket), k -> new LinkedHashSet<>()).add(id);
    }

    /** Adds one event's effect on one period it falls in. */
    public void add(CanonicalEvent e, String period, long eventMillis) {
        events++;
        latestByChannel.merge(e.channel(), eventMillis, Math::max);
        String agg = keys.aggregate(partition, e.entityId(), period);
        types.put(agg, e.entityType().name());
        Indicator i = e.indicator();
        if (i == Indicator.E13) {
            addUser(keys.distinctUsers(partition, Indicator.E13, e.entityId(), period), e.userKey());
        } else {
            counts.computeIfAbsent(agg, k -> new HashMap<>()).merge(i.name(), (long) e.delta(), Long::sum);
            if (i == Indicator.E1) {
                addUser(keys.distinctUsers(partition, Indicator.E2, e.entityId(), period), e.userKey());
            }
        }
        if (i == Indicator.E3 && e.entityType() == EntityType.MUSIC && e.attributedFrom() != null) {
            contributors.computeIfAbsent(keys.orderContributors(partition, e.entityId(), period), k -> new HashMap<>())
                    .merge(e.attributedFrom(), (long) e.delta(), Long::sum);
        }
        EntityKey entity = new EntityKey(e.entityType(), e.entityId());
        if (dirty.add(entity.in(period))) {
            sets.computeIfAbsent(keys.periodIndex(partition, period), k -> new LinkedHashSet<>())
                    .add(keys.indexMember(entity));
            sets.computeIfAbsent(keys.periods(partition), k -> new LinkedHashSet<>()).add(period);
        }
    }

    private void addUser(String key, String userKey) {
        users.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(userKey);
    }

    public int partition() {
        return partition;
    }

    public long firstOffset() {
        return firstOffset;
    }

    public long lastOffset() {
        return lastOffset;
    }

    /** The latest event time of each channel in this batch (epoch millis). */
    public Map<Channel, Long> latestByChannel() {
        return latestByChannel;
    }

    public int events() {
        return events;
    }

    /** The (entity, period) pairs this batch changes, in the order first met. */
    public Set<EntityPeriod> dirtyMembers() {
        return dirty;
    }

    /** KEYS for the apply script: offset, dirty, the channels' latest event times, then every data key. */
    public Script toScript() {
        List<String> keyList = new ArrayList<>(List.of(keys.appliedOffset(partition), keys.dirty(partition),
                keys.channelEventTimes(partition)));
        Map<String, Integer> index = new HashMap<>();
        Function<String, Integer> ref = k -> index.computeIfAbsent(k, x -> {
            keyList.add(x);
            return keyList.size();
        });
        List<Object> h = new ArrayList<>();
        counts.forEach((k, fields) -> fields.forEach((f, d) -> h.add(List.of(ref.apply(k), f, d))));
        List<Object> s = new ArrayList<>();
        types.forEach((k, t) -> s.add(List.of(ref.apply(k), "t", t)));
        List<Object> p = new ArrayList<>();
        users.forEach((k, u) -> chunks(u).forEach(c -> p.add(List.of(ref.apply(k), c))));
        List<Object> z = new ArrayList<>();
        contributors.forEach((k, m) -> m.forEach((member, d) -> z.add(List.of(ref.apply(k), member, d))));
        List<Object> a = new ArrayList<>();
        sets.forEach((k, m) -> chunks(m).forEach(c -> a.add(List.of(ref.apply(k), c))));
        Set<String> dirtyMembers = new LinkedHashSet<>();
        dirty.forEach(m -> dirtyMembers.add(keys.dirtyMember(m)));
        chunks(dirtyMembers).forEach(c -> a.add(List.of(2, c)));
        List<Integer> expire = new ArrayList<>();
        for (int i = 4; i <= keyList.size(); i++) {
            expire.add(i);
        }
        // seen-id sets expire on their own (short) clock, not with the aggregates
        List<Integer> expireSeen = new ArrayList<>();
        seen.forEach((k, ids) -> {
            expireSeen.add(ref.apply(k));
            chunks(ids).forEach(c -> a.add(List.of(index.get(k), c)));
        });
        Map<String, Object> ops = new LinkedHashMap<>();
        ops.put("h", h);
        ops.put("s", s);
        ops.put("p", p);
        ops.put("z", z);
        ops.put("a", a);
        ops.put("e", expire);
        ops.put("x", expireSeen);
        return new Script(keyList, ops);
    }

    private static List<List<String>> chunks(Set<String> members) {
        List<List<String>> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String m : members) {
            current.add(m);
            if (current.size() == CHUNK) {
                out.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /** Keys and operations ready for the apply script; ops serialize to JSON. */
    public record Script(List<String> keys, Map<String, Object> ops) {
    }
}
