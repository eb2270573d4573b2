package io.caimei.scoring.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.scoring.mapping.EntityPeriod;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/** The per-partition set of (entity, period) pairs whose score changed but is not yet acknowledged by Kafka. */
@ApplicationScoped
public class DirtyRepository {

    private final ScoringRedis redis;

    public DirtyRepository(ScoringRedis redis) {
        this.redis = redis;
    }

    public List<EntityPeriod> dirty(int partition) {
        return dirty(redis.send(request(partition)));
    }

    /** {@link #dirty} sent now; {@link #dirty(CompletableFuture)} takes the pairs (several partitions, one wait). */
    public CompletableFuture<Response> startDirty(int partition) {
        return redis.start(request(partition));
    }

    public List<EntityPeriod> dirty(CompletableFuture<Response> started) {
        return dirty(redis.await(started));
    }

    private Request request(int partition) {
        return Request.cmd(Command.SMEMBERS).arg(redis.keys().dirty(partition));
    }

    private List<EntityPeriod> dirty(Response r) {
        List<EntityPeriod> out = new ArrayList<>();
        if (r != null) {
            r.forEach(m -> out.add(redis.keys().parseDirtyMember(m.toString())));
        }
        return out;
    }

    public void mark(int partition, Collection<EntityPeriod> members) {
        change(Command.SADD, partition, members);
    }

    public void clear(int partition, Collection<EntityPeriod> members) {
        change(Command.SREM, partition, members);
    }

    /** Clears the marks of several partitions' pairs in one round trip. */
    public void clear(Map<Integer, List<EntityPeriod>> byPartition) {
        List<Request> reqs = new ArrayList<>();
        byPartition.forEach((partition, members) -> {
            if (!members.isEmpty()) {
                reqs.add(request(Command.SREM, partition, members));
            }
        });
        if (!reqs.isEmpty()) {
            redis.batch(reqs);
        }
    }

    private void change(Command command, int partition, Collection<EntityPeriod> members) {
        if (members.isEmpty()) {
            return;
        }
        redis.send(request(command, partition, members));
    }

    private Request request(Command command, int partition, Collection<EntityPeriod> members) {
        Request req = Request.cmd(command).arg(redis.keys().dirty(partition));
        members.forEach(m -> req.arg(redis.keys().dirtyMember(m)));
        return req;
    }
}
