package io.caimei.ingest.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

    /** Hash-tag buckets: a request's keys spread over this many slots, one pipelined batch each (Redis Cluster). */
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

    /** {@code ing:{s<bucket>}:seen:<source>:<eventId>}; the bucket is a pure function of the pair. */
    static String key(String prefix, String source, String eventId) {
        int bucket = Math.floorMod((source + ":" + eventId).hashCode(), BUCKETS);
        return prefix + ":{s" + bucket + "}:seen:" + source + ":" + eventId;
    }

    /** The keys of the pairs, in order. */
    List<String> keys(List<SourceEventId> ids) {
        List<String> keys = new ArrayList<>(ids.size());
        ids.forEach(id -> keys.add(key(prefix, id.source(), id.eventId())));
        return keys;
    }

    /** Reserves every pair as pending in one pipelined round trip (SET NX GET returns what was there). */
    public Claim[] reserve(List<SourceEventId> ids) {
        Claim[] claims = new Claim[ids.size()];
        if (ids.isEmpty()) {
            return claims;
        }
        List<String> keys = keys(ids);
        List<Request> reqs = new ArrayList<>(keys.size());
        for (String key : keys) {
            reqs.add(Request.cmd(Command.SET).arg(key).arg("p").arg("NX").arg("GET").arg("EX").arg(windowSeconds));
        }
        List<Response> rs = batch(keys, reqs);
        for (int i = 0; i < claims.length; i++) {
            Response r = rs.get(i);
            claims[i] = r == null ? Claim.NEW : "a".equals(r.toString()) ? Claim.DUPLICATE : Claim.IN_DOUBT;
        }
        return claims;
    }

    /** Marks pairs acknowledged by Kafka: from now on a retry of them is a duplicate. */
    public void confirm(List<SourceEventId> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<String> keys = keys(ids);
        List<Request> reqs = new ArrayList<>(keys.size());
        for (String key : keys) {
            reqs.add(Request.cmd(Command.SET).arg(key).arg("a").arg("EX").arg(windowSeconds));
        }
        batch(keys, reqs);
    }

    /** Releases reservations whose events never reached Kafka. */
    public void release(List<SourceEventId> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<String> keys = keys(ids);
        List<Request> reqs = new ArrayList<>(keys.size());
        keys.forEach(key -> reqs.add(Request.cmd(Command.DEL).arg(key)));
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
