package io.caimei.scoring.repository;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.scoring.mapping.ClosePoint;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * The closed periods, shared by every partition and scorer: period → {@code partition=offset,...}, the applied
 * offsets when it closed. Kept across a rebuild, so a replay counts exactly what counted before the close.
 */
@ApplicationScoped
public class ClosedPeriodRepository {

    private final ScoringRedis redis;

    public ClosedPeriodRepository(ScoringRedis redis) {
        this.redis = redis;
    }

    /** Records the close unless the period is closed already; true when this call closed it. */
    public boolean close(String period, ClosePoint at) {
        String encoded = at.appliedOffsets().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        Response added = redis.send(Request.cmd(Command.HSETNX).arg(redis.keys().closedPeriods()).arg(period)
                .arg(encoded));
        return added != null && added.toInteger() == 1;
    }

    /** Every closed period with where the partitions stood when it closed. */
    public Map<String, ClosePoint> all() {
        Response r = redis.send(Request.cmd(Command.HGETALL).arg(redis.keys().closedPeriods()));
        Map<String, ClosePoint> out = new HashMap<>();
        if (r == null) {
            return out;
        }
        for (String period : r.getKeys()) {
            Map<Integer, Long> offsets = new HashMap<>();
            for (String pair : r.get(period).toString().split(",")) {
                if (!pair.isBlank()) {
                    String[] kv = pair.split("=");
                    offsets.put(Integer.parseInt(kv[0]), Long.parseLong(kv[1]));
                }
            }
            out.put(period, new ClosePoint(offsets));
        }
        return out;
    }
}
