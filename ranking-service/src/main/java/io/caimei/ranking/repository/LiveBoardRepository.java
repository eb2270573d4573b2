package io.caimei.ranking.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.ranking.config.RankingConfig;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Open periods' rankings: one sorted set per board × period, hash-tagged so a board-period's keys share a
 * Redis Cluster slot. Scores are stored negated, so ascending order is index descending with ties by
 * entity id ascending, as the design orders them.
 */
@ApplicationScoped
public class LiveBoardRepository {

    private final Redis redis;
    private final String prefix;

    public LiveBoardRepository(Redis redis, RankingConfig config) {
        this.redis = redis;
        this.prefix = config.redis().keyPrefix();
    }

    String ranking(String board, String period) {
        return prefix + ":{" + board + ":" + period + "}:z";
    }

    String contributors(String board, String period) {
        return prefix + ":{" + board + ":" + period + "}:top";
    }

    String periods(String board) {
        return prefix + ":{" + board + "}:periods";
    }

    /** One placement to write: an entity's index on a board in a period. */
    public record Placement(String board, String period, String entityId, double index, String topContributor,
            long topContributorOrders) {
    }

    /** Writes many placements in one pipelined round trip. */
    public void place(List<Placement> placements) {
        if (placements.isEmpty()) {
            return;
        }
        List<Request> reqs = new ArrayList<>();
        for (Placement p : placements) {
            reqs.add(Request.cmd(Command.ZADD).arg(ranking(p.board(), p.period())).arg(-p.index()).arg(p.entityId()));
            reqs.add(Request.cmd(Command.SADD).arg(periods(p.board())).arg(p.period()));
            if (p.topContributor() != null) {
                reqs.add(Request.cmd(Command.HSET).arg(contributors(p.board(), p.period())).arg(p.entityId())
                        .arg(p.topContributor() + "|" + p.topContributorOrders()));
            }
        }
        for (int from = 0; from < reqs.size(); from += 3000) {
            redis.batch(reqs.subList(from, Math.min(reqs.size(), from + 3000))).await().indefinitely();
        }
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
            if (item.type() == io.vertx.redis.client.ResponseType.MULTI) {
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
    }

    /** The music board's top order contributor of each entity (stored as {@code contentId|orders}). */
    public Map<String, Contributor> contributors(String board, String period, List<String> entityIds) {
        Map<String, Contributor> out = new java.util.HashMap<>();
        if (entityIds.isEmpty()) {
            return out;
        }
        Request req = Request.cmd(Command.HMGET).arg(contributors(board, period));
        entityIds.forEach(req::arg);
        Response r = send(req);
        for (int i = 0; i < entityIds.size(); i++) {
            if (r.get(i) != null) {
                String v = r.get(i).toString();
                int bar = v.lastIndexOf('|');
                out.put(entityIds.get(i), new Contributor(v.substring(0, bar), Long.parseLong(v.substring(bar + 1))));
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
        send(Request.cmd(Command.EXPIRE).arg(ranking(board, period)).arg(seconds));
        send(Request.cmd(Command.EXPIRE).arg(contributors(board, period)).arg(seconds));
    }

    private Response send(Request req) {
        return io.caimei.common.rest.Stores.await(redis.send(req), java.time.Duration.ofSeconds(5), "Redis");
    }
}
