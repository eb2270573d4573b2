package io.caimei.scoring.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/** How far each partition got: its applied Kafka offset and its latest event time (the watermark's input). */
@ApplicationScoped
public class ProgressRepository {

    private final ScoringRedis redis;

    public ProgressRepository(ScoringRedis redis) {
        this.redis = redis;
    }

    /** The last Kafka offset whose effect is in Redis for this partition, or -1. */
    public long appliedOffset(int partition) {
        Response r = redis.send(Request.cmd(Command.GET).arg(redis.keys().appliedOffset(partition)));
        return r == null ? -1 : r.toLong();
    }

    /** The latest event time applied on a partition (epoch millis), or 0. */
    public long maxEventMillis(int partition) {
        Response r = redis.send(Request.cmd(Command.GET).arg(redis.keys().maxEventTime(partition)));
        return r == null ? 0 : r.toLong();
    }
}
