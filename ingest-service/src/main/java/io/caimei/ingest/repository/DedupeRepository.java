package io.caimei.ingest.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.common.redis.SlotBatches;
import io.caimei.common.rest.Stores;
import io.caimei.ingest.config.IngestConfig;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Remembers {@code (source, eventId)} pairs for the dedupe window, in two states: {@code p} (pending: being
 * handed to Kafka) and {@code a} (acknowledged by Kafka). Only an acknowledged pair makes a retry a duplicate;
 * a pending one left behind by a crashed or failed request is sent again, and the scorer drops the second copy
 * if the first did reach Kafka (see the scoring service's log dedupe).
 *
 * <p>Pairs are fields of hashes, one per hash tag and minute of event time, not a key each: a key per event grew a
 * bench's Redis to 6.1 million keys (about 240 B per event, two {@code SET}s each, and every {@code SCAN} of the
 * keyspace slowed), while a field costs a fraction of that and a request's pairs share a few hashes. Every write
 * renews its hash's TTL, so a pair is remembered for at least the window after it was written.
 */
@ApplicationScoped
public class DedupeRepository {

    /** What a reservation found. */
    public enum Claim {
        /** Never seen: reserved now. */
        NEW,
        /** Reserved by a request that has not confirmed (in flight, failed or crashed): send again. */
        IN_DOUBT,
        /** Acknowledged by Kafka before: a duplicate. */
        DUPLICATE
    }

    /** Hash tags: a request's pairs spread over this many slots, one pipelined batch each (Redis Cluster). */
    static final int BUCKETS = 16;

    private final Redis redis;
    private final String prefix;
    private final long windowSeconds;
    private final Duration timeout;

    public DedupeRepository(Redis redis, IngestConfig config) {
        this.redis = redis;
        this.prefix = config.redis().keyPrefix();
        this.windowSeconds = config.ingest().dedupeWindow().toSeconds();
        this.timeout = config.redis().timeout();
    }

    /**
     * {@code ing:{s<bucket>}:seen:<yyyyMMddHHmm>}, the hash that holds a pair: the bucket is a pure function of the
     * pair and the minute is read off its event time as ingest wrote it, so a retry finds the same hash.
     */
    public static String key(String prefix, SourceEventId id) {
        return key(prefix, field(id), id.occurredAt());
    }

    /** {@link #key(String, SourceEventId)} for a pair whose field is already known. */
    private static String key(String prefix, String field, String at) {
        int bucket = Math.floorMod(field.hashCode(), BUCKETS);
        StringBuilder k = new StringBuilder(prefix.length() + 32).append(prefix).append(":{s").append(bucket)
                .append("}:seen:");
        // "2024-02-14T20:15:03+08:00" -> 202402142015 (the validated form always starts yyyy-MM-ddTHH:mm)
        for (int i = 0; i < Math.min(16, at.length()); i++) {
            char c = at.charAt(i);
            if (c >= '0' && c <= '9') {
                k.append(c);
            }
        }
        return k.toString();
    }

    /** The pair's field in its hash. */
    public static String field(SourceEventId id) {
        return id.source() + ":" + id.eventId();
    }

    /**
     * Reserves every pair as pending: one pipelined {@code HSETNX} per pair and an {@code EXPIRE} per hash; only the
     * pairs found present (retries) need a second round trip to tell pending from acknowledged.
     */
    public Claim[] reserve(List<SourceEventId> ids) {
        Claim[] claims = new Claim[ids.size()];
        if (ids.isEmpty()) {
            return claims;
        }
        List<String> keys = new ArrayList<>(ids.size() + BUCKETS);
        List<Request> reqs = new ArrayList<>(ids.size() + BUCKETS);
        for (SourceEventId id : ids) {
            String field = field(id);
            String key = key(prefix, field, id.occurredAt());
            keys.add(key);
            reqs.add(Request.cmd(Command.HSETNX).arg(key).arg(field).arg("p"));
        }
        for (String key : new LinkedHashSet<>(keys)) {
            keys.add(key);
            reqs.add(Request.cmd(Command.EXPIRE).arg(key).arg(windowSeconds));
        }
        List<Response> rs = batch(keys, reqs);
        List<Integer> present = new ArrayList<>();
        for (int i = 0; i < claims.length; i++) {
            if (rs.get(i).toInteger() == 1) {
                claims[i] = Claim.NEW;
            } else {
                present.add(i);
            }
        }
        if (!present.isEmpty()) {
            List<String> again = new ArrayList<>(present.size());
            List<Request> gets = new ArrayList<>(present.size());
            for (int i : present) {
                again.add(keys.get(i));
                gets.add(Request.cmd(Command.HGET).arg(keys.get(i)).arg(field(ids.get(i))));
            }
            List<Response> found = batch(again, gets);
            for (int j = 0; j < present.size(); j++) {
                Response r = found.get(j);
                // gone since (its request failed and released it): nobody holds it, so it is sent again
                claims[present.get(j)] = r != null && "a".equals(r.toString()) ? Claim.DUPLICATE : Claim.IN_DOUBT;
            }
        }
        return claims;
    }

    /** Marks pairs acknowledged by Kafka: from now on a retry of them is a duplicate. */
    public void confirm(List<SourceEventId> ids) {
        perHash(ids, Command.HSET, "a", true);
    }

    /** Releases reservations whose events never reached Kafka. */
    public void release(List<SourceEventId> ids) {
        perHash(ids, Command.HDEL, null, false);
    }

    /**
     * One command per hash naming all of its pairs ({@code value} after each field when given), plus an
     * {@code EXPIRE} when the command may create the hash (a hash without a TTL would never go).
     */
    private void perHash(List<SourceEventId> ids, Command command, String value, boolean renew) {
        if (ids.isEmpty()) {
            return;
        }
        Map<String, Request> byKey = new LinkedHashMap<>();
        for (SourceEventId id : ids) {
            String field = field(id);
            Request r = byKey.computeIfAbsent(key(prefix, field, id.occurredAt()), k -> Request.cmd(command).arg(k));
            r.arg(field);
            if (value != null) {
                r.arg(value);
            }
        }
        List<String> keys = new ArrayList<>(byKey.keySet());
        List<Request> reqs = new ArrayList<>(byKey.values());
        if (renew) {
            for (String key : byKey.keySet()) {
                keys.add(key);
                reqs.add(Request.cmd(Command.EXPIRE).arg(key).arg(windowSeconds));
            }
        }
        batch(keys, reqs);
    }

    /**
     * One pipelined batch per hash slot; the request fails whole if Redis does not answer (503) and the client's
     * retry of the same batch is safe.
     */
    private List<Response> batch(List<String> keys, List<Request> reqs) {
        return Stores.await(SlotBatches.send(redis, keys, reqs), timeout, "Redis");
    }
}
