package io.caimei.scoring.repository;

import io.caimei.events.EntityType;
import io.caimei.events.Indicator;
import io.caimei.scoring.mapping.EntityKey;
import io.caimei.scoring.mapping.EntityPeriod;

/**
 * Redis key layout of the scoring state. Every key of one Kafka partition shares the hash tag {@code {pN}},
 * so one Lua script can update a partition's aggregates and its applied offset atomically, on Redis Cluster too.
 * The members of the dirty sets and period indexes are written and read here too, the only place that knows
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

    /** Hash of counts E1, E3..E12 (fields named by indicator) plus the entity type in field {@code t}. */
    public String aggregate(int partition, String entityId, String period) {
        return base(partition) + "agg:" + entityId + ":" + period;
    }

    public String distinctUsers(int partition, Indicator indicator, String entityId, String period) {
        return base(partition) + "hll:" + indicator.name() + ":" + entityId + ":" + period;
    }

    /** Sorted set of CONTENT ids by the orders (E3) they brought to a MUSIC entity in a period. */
    public String orderContributors(int partition, String musicId, String period) {
        return base(partition) + "top:" + musicId + ":" + period;
    }

    /** Set of {@code type|entityId} scored in a period: lets a profile activation re-score without replay. */
    public String periodIndex(int partition, String period) {
        return base(partition) + "idx:" + period;
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

    /** Member of a period index: {@code TYPE|entityId}. */
    public String indexMember(EntityKey e) {
        return e.type().name() + "|" + e.entityId();
    }

    public EntityKey parseIndexMember(String member) {
        int bar = member.indexOf('|');
        return new EntityKey(EntityType.valueOf(member.substring(0, bar)), member.substring(bar + 1));
    }
}
