package io.caimei.scoring.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.caimei.events.CanonicalEvent;
import io.caimei.events.Channel;
import io.caimei.events.EntityType;
import io.caimei.events.Indicator;
import io.caimei.scoring.mapping.EntityPeriod;
import io.caimei.scoring.repository.AggregateValue;
import io.caimei.scoring.repository.RedisKeys;

/**
 * The net effect of one consumer batch on one partition, merged by (entity, period) so the whole batch is one Redis
 * round trip however many events it holds. Events are merged into one small object per (entity, period); the Redis
 * keys are built once per pair when the script is written, not once per event.
 */
public final class PartitionBatch {

    /** Lua's unpack() has a stack limit; larger member lists are split. */
    private static final int CHUNK = 500;
    private static final Indicator[] INDICATORS = Indicator.values();
    private static final JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();

    private final int partition;
    private final RedisKeys keys;
    private final Map<EntityPeriod, Merged> merged = new LinkedHashMap<>();
    private final Map<Long, Set<String>> seen = new LinkedHashMap<>();
    private long firstOffset = -1;
    private long lastOffset = -1;
    private final Map<Channel, Long> latestByChannel = new EnumMap<>(Channel.class);
    private int events;

    public PartitionBatch(int partition, RedisKeys keys) {
        this.partition = partition;
        this.keys = keys;
    }

    /** One (entity, period)'s share of the batch: counts by indicator, distinct users, order contributors. */
    private static final class Merged {
        final long[] counts = new long[INDICATORS.length];
        Set<String> e2Users;
        Set<String> e13Users;
        Map<String, Long> contributors;
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
        seen.computeIfAbsent(bucket, k -> new LinkedHashSet<>()).add(id);
    }

    /** Adds one event's effect on one period it falls in. */
    public void add(CanonicalEvent e, String period, long eventMillis) {
        events++;
        Long latest = latestByChannel.get(e.channel());
        if (latest == null || latest < eventMillis) {
            latestByChannel.put(e.channel(), eventMillis);
        }
        EntityPeriod key = new EntityPeriod(e.entityType(), e.entityId(), period);
        Merged m = merged.get(key);
        if (m == null) {
            m = new Merged();
            merged.put(key, m);
        }
        Indicator i = e.indicator();
        if (i == Indicator.E13) {
            if (m.e13Users == null) {
                m.e13Users = new LinkedHashSet<>();
            }
            m.e13Users.add(e.userKey());
        } else {
            m.counts[i.ordinal()] += e.delta();
            if (i == Indicator.E1) {
                if (m.e2Users == null) {
                    m.e2Users = new LinkedHashSet<>();
                }
                m.e2Users.add(e.userKey());
            }
        }
        if (i == Indicator.E3 && e.entityType() == EntityType.MUSIC && e.attributedFrom() != null) {
            if (m.contributors == null) {
                m.contributors = new HashMap<>();
            }
            m.contributors.merge(e.attributedFrom(), (long) e.delta(), Long::sum);
        }
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
        return merged.keySet();
    }

    /**
     * KEYS for the apply script (offset, dirty, the channels' latest event times, the scratch key, then every data
     * key) and its operations as JSON: {@code g} per aggregate, flat, its period hash (by KEYS index), entity, type
     * code, how many deltas and E2 and E13 users follow, then {@code slot, delta} pairs (ascending slots) and the
     * users to add to E2's and E13's HyperLogLogs; {@code z} ZINCRBY and {@code a} SADD, each naming its key by KEYS
     * index; {@code e} and {@code x} the keys whose TTL is renewed with the aggregates' and the seen-id sets'. Written
     * by hand: a generic serializer of nested lists cost more than the script's own work.
     */
    public Script toScript() {
        KeyList k = new KeyList(keys.appliedOffset(partition), keys.dirty(partition), keys.channelEventTimes(partition),
                keys.scratch(partition));
        Ops g = new Ops();
        Ops z = new Ops();
        Ops a = new Ops();
        // keys whose TTL every batch renews: a period's hash lives its TTL past the last batch that touched it
        Set<Integer> renew = new LinkedHashSet<>();
        Set<String> periods = new LinkedHashSet<>();
        Set<String> dirty = new LinkedHashSet<>();
        merged.forEach((ep, m) -> {
            int hash = k.ref(keys.aggregates(partition, ep.period()));
            renew.add(hash);
            int deltas = 0;
            for (long d : m.counts) {
                deltas += d != 0 ? 1 : 0;
            }
            g.op(hash).str(ep.entityId()).str(AggregateValue.code(ep.type())).num(deltas)
                    .num(m.e2Users == null ? 0 : m.e2Users.size()).num(m.e13Users == null ? 0 : m.e13Users.size());
            for (int i = 0; i < INDICATORS.length; i++) {
                if (m.counts[i] != 0) {
                    g.num(AggregateValue.slot(INDICATORS[i])).num(m.counts[i]);
                }
            }
            g.flat(m.e2Users).flat(m.e13Users).end();
            if (m.contributors != null) {
                int top = k.ref(keys.orderContributors(partition, ep.entityId(), ep.period()));
                renew.add(top);
                m.contributors.forEach((member, d) -> z.op(top).str(member).num(d).end());
            }
            periods.add(ep.period());
            dirty.add(keys.dirtyMember(ep));
        });
        if (!periods.isEmpty()) {
            int all = k.ref(keys.periods(partition));
            renew.add(all);
            chunks(periods).forEach(c -> a.op(all).strs(c).end());
        }
        chunks(dirty).forEach(c -> a.op(2).strs(c).end());
        // seen-id sets expire on their own (short) clock, not with the aggregates
        List<Integer> expireSeen = new ArrayList<>();
        seen.forEach((bucket, ids) -> {
            int set = k.ref(keys.seenIds(partition, bucket));
            expireSeen.add(set);
            chunks(ids).forEach(c -> a.op(set).strs(c).end());
        });
        StringBuilder json = new StringBuilder(64 + g.length() + z.length() + a.length());
        json.append("{\"g\":").append(g.close()).append(",\"z\":").append(z.close()).append(",\"a\":")
                .append(a.close());
        numbers(json.append(",\"e\":"), renew);
        numbers(json.append(",\"x\":"), expireSeen);
        return new Script(k.keys, json.append('}').toString());
    }

    private static void numbers(StringBuilder json, Collection<Integer> values) {
        json.append('[');
        int i = 0;
        for (int v : values) {
            json.append(i++ == 0 ? "" : ",").append(v);
        }
        json.append(']');
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

    /** The script's KEYS, each key once; {@link #ref} gives its 1-based index. */
    private static final class KeyList {
        final List<String> keys = new ArrayList<>();
        final Map<String, Integer> index = new HashMap<>();

        KeyList(String... first) {
            for (String key : first) {
                ref(key);
            }
        }

        int ref(String key) {
            Integer at = index.get(key);
            if (at == null) {
                keys.add(key);
                at = keys.size();
                index.put(key, at);
            }
            return at;
        }

        int size() {
            return keys.size();
        }
    }

    /** A JSON array of operations, each an array {@code [keyIndex, args...]}. */
    private static final class Ops {
        private final StringBuilder out = new StringBuilder("[");

        Ops op(int keyIndex) {
            out.append(out.length() == 1 ? "[" : ",[").append(keyIndex);
            return this;
        }

        Ops str(String value) {
            out.append(",\"");
            QUOTE.quoteAsString(value, out);
            out.append('"');
            return this;
        }

        /** A JSON value written as given (an array of numbers built by the caller). */
        Ops raw(String json) {
            out.append(',').append(json);
            return this;
        }

        Ops num(long value) {
            out.append(',').append(value);
            return this;
        }

        /** The strings as further elements of the current operation (none when null). */
        Ops flat(Collection<String> values) {
            if (values != null) {
                for (String v : values) {
                    str(v);
                }
            }
            return this;
        }

        /** The strings as one nested array (the members of one SADD, the users of one HyperLogLog). */
        Ops strs(Collection<String> values) {
            out.append(",[");
            int i = 0;
            for (String v : values) {
                out.append(i++ == 0 ? "\"" : ",\"");
                QUOTE.quoteAsString(v, out);
                out.append('"');
            }
            out.append(']');
            return this;
        }

        void end() {
            out.append(']');
        }

        int length() {
            return out.length();
        }

        String close() {
            return out.append(']').toString();
        }
    }

    /** Keys and operations ready for the apply script: {@code opsJson} is its ARGV of operations. */
    public record Script(List<String> keys, String opsJson) {
    }
}
