package io.caimei.scoring.repository;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.events.Channel;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/** How far each partition got: its applied Kafka offset and each channel's latest event time (the watermark's input). */
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

    /** The latest event time of each channel applied on a partition (epoch millis); channels never seen are absent. */
    public Map<Channel, Long> latestByChannel(int partition) {
        Response r = redis.send(Request.cmd(Command.HGETALL).arg(redis.keys().channelEventTimes(partition)));
        Map<Channel, Long> out = new EnumMap<>(Channel.class);
        if (r != null) {
            for (String field : r.getKeys()) {
                Channel.parse(field).ifPresent(c -> out.put(c, r.get(field).toLong()));
            }
        }
        return out;
    }
}
