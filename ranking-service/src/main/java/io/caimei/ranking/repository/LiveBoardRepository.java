package io.caimei.ranking.repository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.common.redis.SlotBatches;
import io.caimei.common.rest.Stores;
import io.caimei.ranking.config.RankingConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;

/**
 * Open periods' rankings: one sorted set per board × period, hash-tagged so a board-period's keys share a
 * Redis Cluster slot. Scores are stored negated, so ascending order is index descending with ties by
 * entity id ascending, as the design orders them.
 */
@ApplicationScoped
public class LiveBoardRepository {

    private final Redis redis;
    private final String prefix;
    private final RankingConfig.Stores timeouts;

    public LiveBoardRepository(Redis redis, RankingConfig config) {
        this.redis = redis;
        this.prefix = config.redis().keyPrefix();
        this.timeouts = config.stores();
        this.readScript = new Script(redis, "lua/board-read.lua");
        this.storeFactsScript = new Script(redis, "lua/store-facts.lua");
    }

    private final Script readScript;
    private final Script storeFactsScript;

    String ranking(String board, String period) {
        return prefix + ":{" + board + ":" + period + "}:z";
    }

    String contributors(String board, String period) {
        return prefix + ":{" + board + ":" + period + "}:top";
    }

    /** Movement facts of a board-period (see {@code MovementFacts}); field {@code ~} marks them computed. */
    String facts(String board, String period) {
        return prefix + ":{" + board + ":" + period + "}:facts";
    }

    String periods(String board) {
        return prefix + ":{" + board + "}:periods";
    }

    /** One placement to write: an entity's index on a board in a period. */
    public record Placement(String board, String period, String entityId, double index, String topContributor,
            long topContributorOrders) {
    }

    /**
     * Writes many placements pipelined, one batch per hash slot ({@code {board:period}} and {@code {board}} keys live
     * in different slots of a Redis Cluster), at most 3000 commands a batch.
     */
    public void place(List<Placement> placements) {
        if (placements.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>();
        List<Request> reqs = new ArrayList<>();
        // one ZADD (and one HSET of contributors) per board-period with all its members, not one per placement:
        // Redis pays per command, and a batch places many entities on the same few board-periods; a member
        // placed twice takes its last score, as separate commands would leave it
        Map<String, Request> rankings = new HashMap<>();
        Map<String, Request> tops = new HashMap<>();
        for (Placement p : placements) {
            String z = ranking(p.board(), p.period());
            rankings.computeIfAbsent(z, k -> {
                keys.add(k);
                Request zadd = Request.cmd(Command.ZADD).arg(k);
                reqs.add(zadd);
                // a board's period is registered once per call, not once per entity placed in it
                keys.add(periods(p.board()));
                reqs.add(Request.cmd(Command.SADD).arg(periods(p.board())).arg(p.period()));
                return zadd;
            }).arg(-p.index()).arg(p.entityId());
            if (p.topContributor() != null) {
                tops.computeIfAbsent(contributors(p.board(), p.period()), k -> {
                    keys.add(k);
                    Request hset = Request.cmd(Command.HSET).arg(k);
                    reqs.add(hset);
                    return hset;
                }).arg(p.entityId()).arg(p.topContributor() + "|" + p.topContributorOrders());
            }
        }
        for (int from = 0; from < reqs.size(); from += 3000) {
            int to = Math.min(reqs.size(), from + 3000);
            // the consumer's write path, not a request: 3 000 commands may wait out a busy Redis for the bulk timeout
            Stores.await(SlotBatches.send(redis, keys.subList(from, to), reqs.subList(from, to)), timeouts.bulk(),
                    "Redis");
        }
    }

    /** One ranked entity of a read: id and (positive) index. */
    public record Ranked(String entityId, double score) {
    }

    /**
     * What one board read returns. {@code offset} is -1 when an around-me entity is not ranked;
     * {@code contributors} and {@code facts} hold one raw value (or null) per entry; {@code factsReady} says whether
     * the movement facts of the board-period were computed (absent entries then have none).
     */
    public record LiveRead(long total, long offset, long firstRank, List<Ranked> entries, List<String> contributors,
            List<String> facts, boolean factsReady) {
    }

    /** A page of an open board-period with its contributors and movement facts, in one round trip. */
    public Uni<LiveRead> page(String board, String period, long offset, int limit, boolean withContributors) {
        return read(board, period, "page", Long.toString(offset), limit, withContributors);
    }

    /** A page as {@link #page}, waited for: for whole-board walks on a worker thread (exports, search). */
    public LiveRead pageNow(String board, String period, long offset, int limit, boolean withContributors) {
        return Stores.await(page(board, period, offset, limit, withContributors), timeouts.redis(), "Redis");
    }

    /** The entries around one entity (n each side) in one round trip; offset -1 when it is not ranked. */
    public Uni<LiveRead> around(String board, String period, String entityId, int n, boolean withContributors) {
        return read(board, period, "around", entityId, n, withContributors);
    }

    private Uni<LiveRead> read(String board, String period, String mode, String at, int count,
            boolean withContributors) {
        return readScript.runAsync(List.of(ranking(board, period), contributors(board, period), facts(board, period)),
                List.of(mode, at, Integer.toString(count), withContributors ? "1" : "0")).map(LiveBoardRepository::read);
    }

    private static LiveRead read(Response r) {
        Response slice = r.get(3);
        List<Ranked> entries = new ArrayList<>(slice.size() / 2);
        for (int i = 0; i + 1 < slice.size(); i += 2) {
            entries.add(new Ranked(slice.get(i).toString(), -slice.get(i + 1).toDouble()));
        }
        return new LiveRead(r.get(0).toLong(), r.get(1).toLong(), r.get(2).toLong(), entries, strings(r.get(4)),
                strings(r.get(5)), r.get(6).toInteger() == 1);
    }

    private static List<String> strings(Response list) {
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(list.get(i) == null ? null : list.get(i).toString());
        }
        return out;
    }

    /**
     * Stores a board-period's movement facts (entity → encoded facts). With {@code replace} they take the place
     * of any earlier ones (a freeze changed them); without, they are kept only if no other writer stored facts
     * meanwhile, so a reader's late copy never overwrites a freezer's fresh one.
     */
    public void storeFacts(String board, String period, Map<String, String> facts, boolean replace, long ttlSeconds) {
        String target = facts(board, period);
        String tmp = target + ":tmp:" + UUID.randomUUID();
        List<Request> reqs = new ArrayList<>();
        Request hset = Request.cmd(Command.HSET).arg(tmp).arg("~").arg("1");
        int n = 0;
        for (Map.Entry<String, String> e : facts.entrySet()) {
            hset.arg(e.getKey()).arg(e.getValue());
            if (++n % 1000 == 0) {
                reqs.add(hset);
                hset = Request.cmd(Command.HSET).arg(tmp).arg("~").arg("1");
            }
        }
        reqs.add(hset);
        reqs.add(Request.cmd(Command.EXPIRE).arg(tmp).arg(600));
        for (int from = 0; from < reqs.size(); from += 100) {
            // a batch of up to 100 HSETs of 1 000 fields each: whole-board work
            Stores.await(redis.batch(reqs.subList(from, Math.min(reqs.size(), from + 100))), timeouts.bulk(),
                    "Redis");
        }
        storeFactsScript.run(List.of(tmp, target), List.of(replace ? "1" : "0", Long.toString(ttlSeconds)));
    }

    /** Forgets a board-period's movement facts; the next read computes them again. */
    /** Forgets the movement facts of several periods of a board in one pipelined round trip (per cluster slot). */
    public void dropFacts(String board, List<String> periods) {
        if (periods.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(periods.size());
        List<Request> reqs = new ArrayList<>(periods.size());
        for (String p : periods) {
            keys.add(facts(board, p));
            reqs.add(Request.cmd(Command.UNLINK).arg(facts(board, p)));
        }
        Stores.await(SlotBatches.send(redis, keys, reqs), timeouts.redis(), "Redis");
    }

    /** A slice of the ranking: entity ids and their (positive) indexes, best first. */
    public List<Map.Entry<String, Double>> range(String board, String period, long from, long to) {
        Response r = send(Request.cmd(Command.ZRANGE).arg(ranking(board, period)).arg(from).arg(to).arg("WITHSCORES"));
        List<Map.Entry<String, Double>> out = new ArrayList<>();
        if (r == null) {
            return out;
        }
        for (int i = 0; i < r.size(); i++) {
            Response item = r.get(i);
            // RESP3 returns [member, score] pairs; RESP2 a flat list
            if (item.type() == ResponseType.MULTI) {
                out.add(Map.entry(item.get(0).toString(), -item.get(1).toDouble()));
            } else {
                out.add(Map.entry(item.toString(), -r.get(i + 1).toDouble()));
                i++;
            }
        }
        return out;
    }

    /** Competition rank of a score: one more than the number of strictly better entities. */
    public long rankOfScore(String board, String period, double index) {
        Response r = send(Request.cmd(Command.ZCOUNT).arg(ranking(board, period)).arg("-inf").arg("(" + (-index)));
        return r.toLong() + 1;
    }

    /** 0-based position of an entity in the ordering, or -1. */
    public long position(String board, String period, String entityId) {
        Response r = send(Request.cmd(Command.ZRANK).arg(ranking(board, period)).arg(entityId));
        return r == null ? -1 : r.toLong();
    }

    public long count(String board, String period) {
        return send(Request.cmd(Command.ZCARD).arg(ranking(board, period))).toLong();
    }

    /** The CONTENT that brought a MUSIC entity the most orders, and how many. */
    public record Contributor(String contentId, long orders) {

        /** From its stored form {@code contentId|orders}; null for null. */
        public static Contributor parse(String stored) {
            if (stored == null) {
                return null;
            }
            int bar = stored.lastIndexOf('|');
            return new Contributor(stored.substring(0, bar), Long.parseLong(stored.substring(bar + 1)));
        }
    }

    /** Raw movement facts of some entities (null where none) and whether the board-period's were computed. */
    public record StoredFacts(List<String> raw, boolean ready) {
    }

    /** The stored movement facts of some entities of a board-period. */
    public StoredFacts facts(String board, String period, List<String> entityIds) {
        Request req = Request.cmd(Command.HMGET).arg(facts(board, period)).arg("~");
        entityIds.forEach(req::arg);
        List<String> raw = strings(send(req));
        return new StoredFacts(raw.subList(1, raw.size()), raw.get(0) != null);
    }

    /** The music board's top order contributor of each entity (stored as {@code contentId|orders}). */
    public Map<String, Contributor> contributors(String board, String period, List<String> entityIds) {
        Map<String, Contributor> out = new HashMap<>();
        if (entityIds.isEmpty()) {
            return out;
        }
        Request req = Request.cmd(Command.HMGET).arg(contributors(board, period));
        entityIds.forEach(req::arg);
        Response r = send(req);
        for (int i = 0; i < entityIds.size(); i++) {
            if (r.get(i) != null) {
                out.put(entityIds.get(i), Contributor.parse(r.get(i).toString()));
            }
        }
        return out;
    }

    public List<String> periodsOf(String board) {
        Response r = send(Request.cmd(Command.SMEMBERS).arg(periods(board)));
        List<String> out = new ArrayList<>();
        if (r != null) {
            r.forEach(m -> out.add(m.toString()));
        }
        return out;
    }

    /** Lets a frozen period's live set expire; PostgreSQL serves it from now on. */
    public void expire(String board, String period, long seconds) {
        // the three keys share the board-period's hash tag: one batch, one round trip
        Stores.await(redis.batch(List.of(Request.cmd(Command.EXPIRE).arg(ranking(board, period)).arg(seconds),
                Request.cmd(Command.EXPIRE).arg(contributors(board, period)).arg(seconds),
                Request.cmd(Command.EXPIRE).arg(facts(board, period)).arg(seconds))), timeouts.redis(), "Redis");
    }

    private Response send(Request req) {
        return Stores.await(redis.send(req), timeouts.redis(), "Redis");
    }
}
