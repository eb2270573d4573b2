package io.caimei.scoring.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

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
        return start(partition, buckets, ids).await();
    }

    /** {@link #seenBefore} sent now; {@link Seen#await()} takes the answer. */
    public Seen start(int partition, long[] buckets, List<String> ids) {
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
        return new Seen(ids.size(), owners,
                reqs.isEmpty() ? CompletableFuture.completedFuture(List.of()) : redis.startBatch(reqs));
    }

    /** A seen-check on its way: one answer per request, each about the members of its bucket. */
    public final class Seen {

        private final int size;
        private final List<List<Integer>> owners;
        private final CompletableFuture<List<Response>> answers;

        Seen(int size, List<List<Integer>> owners, CompletableFuture<List<Response>> answers) {
            this.size = size;
            this.owners = owners;
            this.answers = answers;
        }

        /** Whether each id was seen before. */
        public boolean[] await() {
            boolean[] out = new boolean[size];
            List<Response> rs = redis.await(answers);
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
}
