package io.caimei.scoring.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/** Reads the per-partition sets of event ids seen in each dedupe bucket; the apply script writes them. */
@ApplicationScoped
public class SeenIdRepository {

    private final ScoringRedis redis;

    public SeenIdRepository(ScoringRedis redis) {
        this.redis = redis;
    }

    /**
     * For each (bucket, id), whether the id is already in the seen set of that bucket or of a neighbouring one;
     * one pipelined round trip of SMISMEMBER per bucket and neighbour.
     */
    public boolean[] seenBefore(int partition, long[] buckets, List<String> ids) {
        boolean[] out = new boolean[ids.size()];
        Map<Long, List<Integer>> byBucket = new TreeMap<>();
        for (int i = 0; i < ids.size(); i++) {
            byBucket.computeIfAbsent(buckets[i], b -> new ArrayList<>()).add(i);
        }
        List<Request> reqs = new ArrayList<>();
        List<List<Integer>> owners = new ArrayList<>();
        byBucket.forEach((bucket, members) -> {
            for (long b = bucket - 1; b <= bucket + 1; b++) {
                Request r = Request.cmd(Command.SMISMEMBER).arg(redis.keys().seenIds(partition, b));
                members.forEach(i -> r.arg(ids.get(i)));
                reqs.add(r);
                owners.add(members);
            }
        });
        if (reqs.isEmpty()) {
            return out;
        }
        List<Response> rs = redis.batch(reqs);
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
}
