package io.caimei.scoring.repository;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;


import io.caimei.common.redis.KeyWalk;
import io.caimei.common.rest.StoreUnavailableException;
import io.caimei.events.Indicator;
import io.caimei.scoring.config.ScoringConfig;
import io.caimei.scoring.mapping.AggregateId;
import io.caimei.scoring.mapping.EntityKey;
import io.caimei.scoring.mapping.EntityPeriod;
import io.caimei.events.EntityType;
import io.caimei.scoring.service.PartitionBatch;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Reads and writes the per-partition aggregates in Redis; every write is one atomic script call. The seen-id sets,
 * dirty set and progress keys the script also writes are read by their own repositories.
 */
@ApplicationScoped
public class AggregateRepository {

    /** Members asked for per SSCAN call while listing a period's entities. */
    private static final int SCAN_PAGE = 1000;

    private final ScoringRedis redis;
    private final Vertx vertx;
    private final URI seed;
    private final DirtyRepository dirty;
    private final Duration timeout;
    private final long ttlSeconds;
    private final long seenTtlSeconds;
    /** Aggregates read per call of the read script (a bounded time for which the script holds Redis). */
    private static final int READ_CHUNK = 500;

    private final String applyScript;
    private volatile String applySha;
    private final String readScript;
    private final java.util.concurrent.atomic.AtomicReference<String> readSha = new java.util.concurrent.atomic.AtomicReference<>();

    public AggregateRepository(ScoringRedis redis, Vertx vertx, ScoringConfig config,
            DirtyRepository dirty, @ConfigProperty(name = "quarkus.redis.hosts") String hosts) {
        this.redis = redis;
        this.vertx = vertx;
        // the first configured address, with its credentials: a cluster walk reuses them for every master
        this.seed = URI.create(hosts.split(",")[0].trim());
        this.dirty = dirty;
        this.timeout = config.redis().timeout();
        this.ttlSeconds = config.scoring().aggregateTtl().toSeconds();
        // a bucket must outlive the buckets next to it by a margin, even when the scorer lags behind
        this.seenTtlSeconds = config.scoring().dedupeWindow().toSeconds() * 4;
        this.applyScript = resource("lua/apply-batch.lua");
        this.readScript = resource("lua/read-aggregates.lua");
    }

    public RedisKeys keys() {
        return redis.keys();
    }

    /**
     * Applies a batch unless its first offset was already applied; true when it changed state. Throws
     * {@link StoreUnavailableException} when Redis fails; nothing of the batch is applied then.
     */
    public boolean apply(PartitionBatch batch) {
        PartitionBatch.Script script = batch.toScript();
        String ops = script.opsJson();
        if (applySha == null) {
            applySha = redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(applyScript)).toString();
        }
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(script.keys().size()));
        args.addAll(script.keys());
        args.add(Long.toString(batch.firstOffset()));
        args.add(Long.toString(batch.lastOffset()));
        args.add(latestByChannel(batch));
        args.add(ops);
        args.add(Long.toString(ttlSeconds));
        args.add(Long.toString(seenTtlSeconds));
        Request req = Request.cmd(Command.EVALSHA).arg(applySha);
        args.forEach(req::arg);
        Response r;
        try {
            r = redis.client().send(req).await().atMost(timeout);
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("NOSCRIPT")) {
                throw new StoreUnavailableException("Redis", e);
            }
            // not in this node's script cache (a restart without persistence, or another master of a cluster than
            // the one SCRIPT LOAD reached): EVAL is routed by the keys and caches the script on that node
            Request eval = Request.cmd(Command.EVAL).arg(applyScript);
            args.forEach(eval::arg);
            r = redis.send(eval);
        }
        return r.toInteger() == 1;
    }

    /** {@code CHANNEL millis CHANNEL millis ...}: the apply script keeps the larger of each. */
    private static String latestByChannel(PartitionBatch batch) {
        StringBuilder out = new StringBuilder();
        batch.latestByChannel().forEach((c, t) -> out.append(out.isEmpty() ? "" : " ").append(c.name()).append(' ').append(t));
        return out.toString();
    }

    /** Raw values of many aggregates in one round trip, in the order asked (any of them may be music). */
    public List<RawValues> read(int partition, List<AggregateId> ids) {
        boolean[] music = new boolean[ids.size()];
        java.util.Arrays.fill(music, true);
        return read(partition, ids, music);
    }

    /** Raw values of the pairs to score, in order; only music pairs are asked for their order contributors. */
    public List<RawValues> readPairs(int partition, List<EntityPeriod> pairs) {
        boolean[] music = new boolean[pairs.size()];
        for (int i = 0; i < music.length; i++) {
            music[i] = pairs.get(i).type() == EntityType.MUSIC;
        }
        return read(partition, pairs.stream().map(EntityPeriod::aggregate).toList(), music);
    }

    /**
     * One read script call per {@value #READ_CHUNK} aggregates, all pipelined: the script skips what cannot be there
     * (E2 without E1 plays, contributors of non-music entities), which a plain pipeline of four commands each could not.
     */
    private List<RawValues> read(int partition, List<AggregateId> ids, boolean[] music) {
        if (ids.isEmpty()) {
            return List.of();
        }
        RedisKeys keys = redis.keys();
        List<List<String>> calls = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += READ_CHUNK) {
            int to = Math.min(ids.size(), from + READ_CHUNK);
            List<String> args = new ArrayList<>(1 + (to - from) * 5);
            args.add(Integer.toString((to - from) * 4));
            for (int i = from; i < to; i++) {
                String entity = ids.get(i).entityId();
                String period = ids.get(i).period();
                args.add(keys.aggregate(partition, entity, period));
                args.add(keys.distinctUsers(partition, Indicator.E2, entity, period));
                args.add(keys.distinctUsers(partition, Indicator.E13, entity, period));
                args.add(keys.orderContributors(partition, entity, period));
            }
            for (int i = from; i < to; i++) {
                args.add(music[i] ? "1" : "0");
            }
            calls.add(args);
        }
        List<Response> answers = runAll(readScript, readSha, calls);
        List<RawValues> out = new ArrayList<>(ids.size());
        for (Response answer : answers) {
            for (Response one : answer) {
                out.add(rawValues(ids.get(out.size()), one));
            }
        }
        return out;
    }

    private static RawValues rawValues(AggregateId id, Response one) {
        Response hash = one.get(0);
        Map<Indicator, Long> raw = new EnumMap<>(Indicator.class);
        String type = null;
        for (int j = 0; j + 1 < hash.size(); j += 2) {
            String field = hash.get(j).toString();
            if (field.equals("t")) {
                type = hash.get(j + 1).toString();
            } else {
                Indicator ind = Indicator.parseOrNull(field);
                if (ind != null) {
                    raw.put(ind, hash.get(j + 1).toLong());
                }
            }
        }
        raw.put(Indicator.E2, one.get(1).toLong());
        raw.put(Indicator.E13, one.get(2).toLong());
        String top = one.get(3).toString();
        long orders = Math.round(Double.parseDouble(one.get(4).toString()));
        return new RawValues(id.entityId(), id.period(), type, raw, top.isEmpty() ? null : top, top.isEmpty() ? 0 : orders);
    }

    /**
     * Runs a script once per argument list (numkeys, keys, argv) in one pipelined round trip; when a node does not
     * have it cached (a restart without persistence, or another master of a cluster) the calls go again as EVAL,
     * which caches it there.
     */
    private List<Response> runAll(String script, java.util.concurrent.atomic.AtomicReference<String> sha,
            List<List<String>> calls) {
        if (sha.get() == null) {
            sha.set(redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(script)).toString());
        }
        List<Request> reqs = new ArrayList<>(calls.size());
        calls.forEach(args -> {
            Request r = Request.cmd(Command.EVALSHA).arg(sha.get());
            args.forEach(r::arg);
            reqs.add(r);
        });
        try {
            return redis.batch(reqs);
        } catch (StoreUnavailableException e) {
            if (e.getCause() == null || e.getCause().getMessage() == null
                    || !e.getCause().getMessage().contains("NOSCRIPT")) {
                throw e;
            }
            List<Request> evals = new ArrayList<>(calls.size());
            calls.forEach(args -> {
                Request r = Request.cmd(Command.EVAL).arg(script);
                args.forEach(r::arg);
                evals.add(r);
            });
            return redis.batch(evals);
        }
    }

    /** The entities with aggregates in a period on a partition. */
    public List<EntityKey> entities(int partition, String period) {
        List<EntityKey> out = new ArrayList<>();
        String cursor = "0";
        do {
            Response r = redis.send(Request.cmd(Command.SSCAN).arg(redis.keys().periodIndex(partition, period))
                    .arg(cursor).arg("COUNT").arg(SCAN_PAGE));
            cursor = r.get(0).toString();
            r.get(1).forEach(m -> out.add(redis.keys().parseIndexMember(m.toString())));
        } while (!cursor.equals("0"));
        return out;
    }

    /** Period ids touched on a partition. */
    public List<String> periods(int partition) {
        Response r = redis.send(Request.cmd(Command.SMEMBERS).arg(redis.keys().periods(partition)));
        List<String> out = new ArrayList<>();
        if (r != null) {
            r.forEach(m -> out.add(m.toString()));
        }
        return out;
    }

    /**
     * Deletes every partition-scoped key (aggregates, offsets, dirty sets) with SCAN + UNLINK on every master, never
     * KEYS; the closed-period record is kept, it is what makes a replay reproduce the same counts. Returns the count.
     */
    public long wipePartitions() {
        return KeyWalk.unlink(vertx, redis.client(), seed, redis.keys().prefix() + ":{p*");
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
