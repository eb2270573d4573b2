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
import java.util.concurrent.CompletableFuture;

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
import io.vertx.redis.client.ResponseType;

/**
 * Reads and writes the per-partition aggregates in Redis; every write is one atomic script call. The seen-id sets,
 * dirty set and progress keys the script also writes are read by their own repositories.
 */
@ApplicationScoped
public class AggregateRepository {

    /** Fields asked for per HSCAN call while listing a period's entities (a value may hold a 12 KB HyperLogLog). */
    private static final int SCAN_PAGE = 200;

    private final ScoringRedis redis;
    private final Vertx vertx;
    private final URI seed;
    private final DirtyRepository dirty;
    private final Duration timeout;
    private final long ttlSeconds;
    private final long seenTtlSeconds;
    private final String applyScript;
    private volatile String applySha;

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
    }

    public RedisKeys keys() {
        return redis.keys();
    }

    /**
     * Applies a batch unless its first offset was already applied; true when it changed state. Throws
     * {@link StoreUnavailableException} when Redis fails; nothing of the batch is applied then.
     */
    public boolean apply(PartitionBatch batch) {
        return start(batch).await();
    }

    /**
     * {@link #apply} sent now; {@link Applying#await()} takes the answer. Scripts of different partitions touch
     * different keys, so a poll's partitions are sent side by side and share one wait.
     */
    public Applying start(PartitionBatch batch) {
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
        return new Applying(args, redis.client().send(req).subscribeAsCompletionStage());
    }

    /** An apply script on its way. */
    public final class Applying {

        private final List<String> args;
        private final CompletableFuture<Response> answer;

        Applying(List<String> args, CompletableFuture<Response> answer) {
            this.args = args;
            this.answer = answer;
        }

        /** True when the script applied the batch; false when its offsets were already applied. */
        public boolean await() {
            Response r;
            try {
                r = redis.await(answer);
            } catch (StoreUnavailableException e) {
                if (!noScript(e)) {
                    throw e;
                }
                // not in this node's script cache (a restart without persistence, or another master of a cluster
                // than the one SCRIPT LOAD reached): EVAL is routed by the keys and caches the script on that node
                Request eval = Request.cmd(Command.EVAL).arg(applyScript);
                args.forEach(eval::arg);
                r = redis.send(eval);
            }
            return r.toInteger() == 1;
        }
    }

    /** Whether Redis answered NOSCRIPT somewhere in the failure's causes. */
    private static boolean noScript(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("NOSCRIPT")) {
                return true;
            }
        }
        return false;
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
        return start(partition, ids, music).await();
    }

    /** Raw values of the pairs to score, in order; only music pairs are asked for their order contributors. */
    public List<RawValues> readPairs(int partition, List<EntityPeriod> pairs) {
        return startReadPairs(partition, pairs).await();
    }

    /** {@link #readPairs} sent now; {@link Reading#await()} takes the values (several partitions share a wait). */
    public Reading startReadPairs(int partition, List<EntityPeriod> pairs) {
        boolean[] music = new boolean[pairs.size()];
        for (int i = 0; i < music.length; i++) {
            music[i] = pairs.get(i).type() == EntityType.MUSIC;
        }
        return start(partition, pairs.stream().map(EntityPeriod::aggregate).toList(), music);
    }

    /** Values on their way. */
    public final class Reading {

        private final List<AggregateId> ids;
        private final boolean[] music;
        private final CompletableFuture<List<Response>> answers;

        Reading(List<AggregateId> ids, boolean[] music, CompletableFuture<List<Response>> answers) {
            this.ids = ids;
            this.music = music;
            this.answers = answers;
        }

        /** The raw values, in the order asked. */
        public List<RawValues> await() {
            if (ids.isEmpty()) {
                return List.of();
            }
            List<Response> rs = redis.await(answers);
            List<RawValues> out = new ArrayList<>(ids.size());
            int at = 0;
            for (int i = 0; i < ids.size(); i++) {
                Response stored = rs.get(at++);
                Response top = music[i] ? rs.get(at++) : null;
                out.add(rawValues(ids.get(i), stored == null ? null : AggregateValue.parse(stored.toBytes()), top));
            }
            return out;
        }
    }

    /**
     * One pipelined round trip: per aggregate one HGET of its field (counts and distinct-user counts together), and
     * for music its top order contributor. Plain commands, not a script: in Redis a script's calls cost several times
     * what the same commands cost pipelined (measured: 20 µs against 8 µs per aggregate).
     */
    private Reading start(int partition, List<AggregateId> ids, boolean[] music) {
        if (ids.isEmpty()) {
            return new Reading(ids, music, CompletableFuture.completedFuture(List.of()));
        }
        RedisKeys keys = redis.keys();
        List<Request> reqs = new ArrayList<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            String entity = ids.get(i).entityId();
            String period = ids.get(i).period();
            reqs.add(Request.cmd(Command.HGET).arg(keys.aggregates(partition, period)).arg(entity));
            if (music[i]) {
                reqs.add(Request.cmd(Command.ZREVRANGE).arg(keys.orderContributors(partition, entity, period))
                        .arg(0).arg(0).arg("WITHSCORES"));
            }
        }
        return new Reading(ids, music, redis.startBatch(reqs));
    }

    private static RawValues rawValues(AggregateId id, AggregateValue stored, Response top) {
        Map<Indicator, Long> raw = new EnumMap<>(Indicator.class);
        if (stored != null) {
            raw.putAll(stored.raw());
        }
        raw.putIfAbsent(Indicator.E2, 0L);
        raw.putIfAbsent(Indicator.E13, 0L);
        String topId = null;
        long topOrders = 0;
        if (top != null && top.size() > 0) {
            // RESP3 answers [[member, score]], RESP2 [member, score]
            Response first = top.get(0);
            boolean nested = first.type() == ResponseType.MULTI;
            topId = nested ? first.get(0).toString() : first.toString();
            topOrders = Math.round(nested ? first.get(1).toDouble() : top.get(1).toDouble());
        }
        return new RawValues(id.entityId(), id.period(), stored == null ? null : stored.type().name(), raw, topId,
                topOrders);
    }

    /** The entities with aggregates in a period on a partition: the fields of the period's hash. */
    public List<EntityKey> entities(int partition, String period) {
        List<EntityKey> out = new ArrayList<>();
        String cursor = "0";
        do {
            Response r = redis.send(Request.cmd(Command.HSCAN).arg(redis.keys().aggregates(partition, period))
                    .arg(cursor).arg("COUNT").arg(SCAN_PAGE));
            cursor = r.get(0).toString();
            Response page = r.get(1);
            for (int i = 0; i + 1 < page.size(); i += 2) {
                out.add(new EntityKey(AggregateValue.parse(page.get(i + 1).toBytes()).type(),
                        page.get(i).toString()));
            }
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
