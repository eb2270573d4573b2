package io.caimei.scoring.repository;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caimei.common.redis.KeyWalk;
import io.caimei.common.rest.Problems;
import io.caimei.common.rest.Stores;
import io.caimei.events.Indicator;
import io.caimei.scoring.config.ScoringConfig;
import io.caimei.scoring.service.PartitionBatch;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/** Reads and writes the per-partition aggregates in Redis; every write is one atomic script call. */
@ApplicationScoped
public class AggregateRepository {

    private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(10);

    private final Redis redis;
    private final Vertx vertx;
    private final java.net.URI seed;
    private final ObjectMapper json;
    private final RedisKeys keys;
    private final long ttlSeconds;
    private final long seenTtlSeconds;
    private final String applyScript;
    private volatile String applySha;

    public AggregateRepository(Redis redis, Vertx vertx, ObjectMapper json, ScoringConfig config,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.redis.hosts") String hosts) {
        this.redis = redis;
        this.vertx = vertx;
        // the first configured address, with its credentials: a cluster walk reuses them for every master
        this.seed = java.net.URI.create(hosts.split(",")[0].trim());
        this.json = json;
        this.keys = new RedisKeys(config.redis().keyPrefix());
        this.ttlSeconds = config.scoring().aggregateTtl().toSeconds();
        // a bucket must outlive the buckets next to it by a margin, even when the scorer lags behind
        this.seenTtlSeconds = config.scoring().dedupeWindow().toSeconds() * 4;
        this.applyScript = resource("lua/apply-batch.lua");
    }

    public RedisKeys keys() {
        return keys;
    }

    /** The last Kafka offset whose effect is in Redis for this partition, or -1. */
    public long appliedOffset(int partition) {
        Response r = send(Request.cmd(Command.GET).arg(keys.appliedOffset(partition)));
        return r == null ? -1 : r.toLong();
    }

    /** Applies a batch unless its first offset was already applied; true when it changed state. */
    public boolean apply(PartitionBatch batch) {
        PartitionBatch.Script script = batch.toScript();
        String ops;
        try {
            ops = json.writeValueAsString(script.ops());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode batch", e);
        }
        if (applySha == null) {
            applySha = send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(applyScript)).toString();
        }
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(script.keys().size()));
        args.addAll(script.keys());
        args.add(Long.toString(batch.firstOffset()));
        args.add(Long.toString(batch.lastOffset()));
        args.add(Long.toString(batch.maxEventMillis()));
        args.add(ops);
        args.add(Long.toString(ttlSeconds));
        args.add(Long.toString(seenTtlSeconds));
        Request req = Request.cmd(Command.EVALSHA).arg(applySha);
        args.forEach(req::arg);
        Response r;
        try {
            r = redis.send(req).await().atMost(TIMEOUT);
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("NOSCRIPT")) {
                throw Problems.unavailable("Redis");
            }
            // not in this node's script cache (a restart without persistence, or another master of a cluster than
            // the one SCRIPT LOAD reached): EVAL is routed by the keys and caches the script on that node
            Request eval = Request.cmd(Command.EVAL).arg(applyScript);
            args.forEach(eval::arg);
            try {
                r = redis.send(eval).await().atMost(TIMEOUT);
            } catch (RuntimeException failed) {
                throw Problems.unavailable("Redis");
            }
        }
        return r.toInteger() == 1;
    }

    /**
     * For each (bucket, id), whether the id is already in the seen set of that bucket or of a neighbouring one;
     * one pipelined round trip of SMISMEMBER per bucket and neighbour.
     */
    public boolean[] seenBefore(int partition, long[] buckets, List<String> ids) {
        boolean[] out = new boolean[ids.size()];
        Map<Long, List<Integer>> byBucket = new java.util.TreeMap<>();
        for (int i = 0; i < ids.size(); i++) {
            byBucket.computeIfAbsent(buckets[i], b -> new ArrayList<>()).add(i);
        }
        List<Request> reqs = new ArrayList<>();
        List<List<Integer>> owners = new ArrayList<>();
        byBucket.forEach((bucket, members) -> {
            for (long b = bucket - 1; b <= bucket + 1; b++) {
                Request r = Request.cmd(Command.SMISMEMBER).arg(keys.seenIds(partition, b));
                members.forEach(i -> r.arg(ids.get(i)));
                reqs.add(r);
                owners.add(members);
            }
        });
        if (reqs.isEmpty()) {
            return out;
        }
        List<Response> rs = batch(reqs);
        for (int q = 0; q < rs.size(); q++) {
            List<Integer> members = owners.get(q);
            Response r = rs.get(q);
            for (int m = 0; m < members.size(); m++) {
                if (r.get(m).toInteger() == 1) {
                    out[members.get(m)] = true;
                }
            }
        }
        return out;
    }

    /** Members {@code type|entityId|period} whose score changed but was not yet published. */
    public List<String> dirty(int partition) {
        Response r = send(Request.cmd(Command.SMEMBERS).arg(keys.dirty(partition)));
        List<String> out = new ArrayList<>();
        if (r != null) {
            r.forEach(m -> out.add(m.toString()));
        }
        return out;
    }

    public void markDirty(int partition, List<String> members) {
        if (members.isEmpty()) {
            return;
        }
        Request req = Request.cmd(Command.SADD).arg(keys.dirty(partition));
        members.forEach(req::arg);
        send(req);
    }

    public void clearDirty(int partition, List<String> members) {
        if (members.isEmpty()) {
            return;
        }
        Request req = Request.cmd(Command.SREM).arg(keys.dirty(partition));
        members.forEach(req::arg);
        send(req);
    }

    /** Raw values of many (entity, period) pairs in one pipelined round trip. */
    public List<RawValues> read(int partition, List<String[]> entityPeriods) {
        List<Request> reqs = new ArrayList<>();
        for (String[] ep : entityPeriods) {
            String entity = ep[0];
            String period = ep[1];
            reqs.add(Request.cmd(Command.HGETALL).arg(keys.aggregate(partition, entity, period)));
            reqs.add(Request.cmd(Command.PFCOUNT).arg(keys.distinctUsers(partition, Indicator.E2, entity, period)));
            reqs.add(Request.cmd(Command.PFCOUNT).arg(keys.distinctUsers(partition, Indicator.E13, entity, period)));
            reqs.add(Request.cmd(Command.ZREVRANGE).arg(keys.orderContributors(partition, entity, period))
                    .arg(0).arg(0).arg("WITHSCORES"));
        }
        List<Response> rs = reqs.isEmpty() ? List.of() : batch(reqs);
        List<RawValues> out = new ArrayList<>();
        for (int i = 0; i < entityPeriods.size(); i++) {
            Response hash = rs.get(4 * i);
            Map<Indicator, Long> raw = new EnumMap<>(Indicator.class);
            String type = null;
            if (hash != null) {
                for (String field : hash.getKeys()) {
                    if (field.equals("t")) {
                        type = hash.get(field).toString();
                    } else {
                        Indicator ind = Indicator.parseOrNull(field);
                        if (ind != null) {
                            raw.put(ind, hash.get(field).toLong());
                        }
                    }
                }
            }
            raw.put(Indicator.E2, rs.get(4 * i + 1).toLong());
            raw.put(Indicator.E13, rs.get(4 * i + 2).toLong());
            Response top = rs.get(4 * i + 3);
            String topId = null;
            long topOrders = 0;
            if (top != null && top.size() > 0) {
                // RESP3 answers [[member, score]], RESP2 [member, score]
                Response first = top.get(0);
                boolean nested = first.type() == io.vertx.redis.client.ResponseType.MULTI;
                topId = nested ? first.get(0).toString() : first.toString();
                topOrders = Math.round(nested ? first.get(1).toDouble() : top.get(1).toDouble());
            }
            out.add(new RawValues(entityPeriods.get(i)[0], entityPeriods.get(i)[1], type, raw, topId, topOrders));
        }
        return out;
    }

    /** Members {@code type|entityId} with aggregates in a period on a partition. */
    public List<String> entitiesIn(int partition, String period) {
        List<String> out = new ArrayList<>();
        String cursor = "0";
        do {
            Response r = send(Request.cmd(Command.SSCAN).arg(keys.periodIndex(partition, period)).arg(cursor)
                    .arg("COUNT").arg(1000));
            cursor = r.get(0).toString();
            r.get(1).forEach(m -> out.add(m.toString()));
        } while (!cursor.equals("0"));
        return out;
    }

    /** Period ids touched on a partition. */
    public List<String> periods(int partition) {
        Response r = send(Request.cmd(Command.SMEMBERS).arg(keys.periods(partition)));
        List<String> out = new ArrayList<>();
        if (r != null) {
            r.forEach(m -> out.add(m.toString()));
        }
        return out;
    }

    /** The latest event time applied on a partition (epoch millis), or 0. */
    public long maxEventMillis(int partition) {
        Response r = send(Request.cmd(Command.GET).arg(keys.maxEventTime(partition)));
        return r == null ? 0 : r.toLong();
    }

    /**
     * Deletes every partition-scoped key (aggregates, offsets, dirty sets) with SCAN + UNLINK on every master, never
     * KEYS; the closed-period record is kept, it is what makes a replay reproduce the same counts. Returns the count.
     */
    public long wipePartitions() {
        return KeyWalk.unlink(vertx, redis, seed, keys.prefix() + ":{p*");
    }

    private List<Response> batch(List<Request> reqs) {
        return Stores.await(redis.batch(reqs), TIMEOUT, "Redis");
    }

    private Response send(Request req) {
        return Stores.await(redis.send(req), TIMEOUT, "Redis");
    }

    private static String resource(String path) {
        try (InputStream in = AggregateRepository.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One entity's raw values in one period, with its top order contributor (music only). */
    public record RawValues(String entityId, String period, String entityType, Map<Indicator, Long> raw,
            String topContributor, long topContributorOrders) {
    }
}
