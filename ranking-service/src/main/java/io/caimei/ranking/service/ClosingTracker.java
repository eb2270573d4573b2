package io.caimei.ranking.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.common.rest.Stores;
import io.caimei.events.Period;
import io.caimei.events.PeriodClosedMarker;
import io.caimei.ranking.config.RankingConfig;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Counts the period-closed markers per period in Redis (shared by all ranking replicas, which each read some
 * partitions); the replica that sees the last one freezes the period's boards.
 */
@ApplicationScoped
public class ClosingTracker {

    private final Redis redis;
    private final FreezeService freezer;
    private final String prefix;
    private final RankingConfig.Stores timeouts;

    public ClosingTracker(Redis redis, FreezeService freezer, RankingConfig config) {
        this.redis = redis;
        this.freezer = freezer;
        this.prefix = config.redis().keyPrefix();
        this.timeouts = config.stores();
    }

    public void markerArrived(PeriodClosedMarker marker, int partition) {
        Period period = Period.parse(marker.periodClosed()).orElse(null);
        if (period == null) {
            return;
        }
        String key = prefix + ":{closing:" + period.id() + "}";
        // Redis away fails the consumed batch with a StoreUnavailableException, never an HTTP problem
        List<Response> r = Stores.await(redis.batch(List.of(Request.cmd(Command.SADD).arg(key).arg(partition),
                Request.cmd(Command.SCARD).arg(key), Request.cmd(Command.EXPIRE).arg(key).arg(7 * 24 * 3600))),
                timeouts.redis(), "Redis");
        if (r.get(1).toInteger() >= marker.partitions()) {
            freezer.freeze(period);
        }
    }
}
