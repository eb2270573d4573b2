package io.caimei.scoring.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

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
        Response r = redis.send(Request.cmd(Command.SMEMBERS).arg(redis.keys().dirty(partition)));
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

    private void change(Command command, int partition, Collection<EntityPeriod> members) {
        if (members.isEmpty()) {
            return;
        }
        Request req = Request.cmd(command).arg(redis.keys().dirty(partition));
        members.forEach(m -> req.arg(redis.keys().dirtyMember(m)));
        redis.send(req);
    }
}
