package io.caimei.scoring.repository;

import io.caimei.events.Indicator;

/**
 * Redis key layout of the scoring state. Every key of one Kafka partition shares the hash tag {@code {pN}},
 * so one Lua script can update a partition's aggregates and its applied offset atomically, on Redis Cluster too.
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

    public String maxEventTime(int partition) {
        return base(partition) + "maxts";
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
}
