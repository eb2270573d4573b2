package io.caimei.scoring.repository;

import io.caimei.events.EntityType;
import io.caimei.scoring.mapping.EntityPeriod;

/**
 * Redis key layout of the scoring state. Every key of one Kafka partition shares the hash tag {@code {pN}},
 * so one Lua script can update a partition's aggregates and its applied offset atomically, on Redis Cluster too.
 * The members of the dirty sets are written and read here too, the only place that knows
 * their pipe-joined form.
 */
public record RedisKeys(String prefix) {

    private String base(int partition) {
        return prefix + ":{p" + partition + "}:";
    }

    public String appliedOffset(int partition) {
        return base(partition) + "off";
    }

    public String dirty(int partition) {
        return base(partition) + "dirty";
    }

    /** Hash channel → latest event time (epoch millis) applied on this partition: the watermark's input. */
    public String channelEventTimes(int partition) {
        return base(partition) + "chts";
    }

    /**
     * Hash of a period's aggregates on this partition: field entity id, value an {@link AggregateValue} (counts,
     * distinct-user counts and their HyperLogLogs). Its fields are also the period's entity index.
     */
    public String aggregates(int partition, String period) {
        return base(partition) + "a:" + period;
    }

    /** Where the apply script works on a HyperLogLog; empty between scripts. */
    public String scratch(int partition) {
        return base(partition) + "tmp";
    }

    /** Sorted set of CONTENT ids by the orders (E3) they brought to a MUSIC entity in a period. */
    public String orderContributors(int partition, String musicId, String period) {
        return base(partition) + "top:" + musicId + ":" + period;
    }

    /** Set of period ids touched on this partition. */
    public String periods(int partition) {
        return base(partition) + "periods";
    }

    /** Set of event ids (hashed) seen on this partition in one dedupe-window bucket of Kafka record time. */
    public String seenIds(int partition, long bucket) {
        return base(partition) + "seen:" + bucket;
    }

    /** Closed periods, shared by all partitions (read by every scorer, written on close). */
    public String closedPeriods() {
        return prefix + ":closed";
    }

    /** Member of a dirty set: {@code TYPE|entityId|period}. */
    public String dirtyMember(EntityPeriod m) {
        return m.type().name() + "|" + m.entityId() + "|" + m.period();
    }

    public EntityPeriod parseDirtyMember(String member) {
        String[] parts = member.split("\\|", 3);
        return new EntityPeriod(EntityType.valueOf(parts[0]), parts[1], parts[2]);
    }
}
