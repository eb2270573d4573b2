package io.caimei.scoring.repository;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.common.rest.StoreUnavailableException;
import io.caimei.common.rest.Stores;
import io.caimei.scoring.config.ScoringConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * The scoring state's Redis: its key layout and calls bounded by the configured timeout. A failure is a
 * {@link StoreUnavailableException}, never an HTTP type: the consumer thread restarts on it, REST answers 503.
 */
@ApplicationScoped
public class ScoringRedis {

    private static final String STORE = "Redis";

    private final Redis redis;
    private final RedisKeys keys;
    private final Duration timeout;

    public ScoringRedis(Redis redis, ScoringConfig config) {
        this.redis = redis;
        this.keys = new RedisKeys(config.redis().keyPrefix());
        this.timeout = config.redis().timeout();
    }

    public RedisKeys keys() {
        return keys;
    }

    public Redis client() {
        return redis;
    }

    public Response send(Request req) {
        return Stores.await(redis.send(req), timeout, STORE);
    }

    /** One pipelined round trip. */
    public List<Response> batch(List<Request> reqs) {
        return Stores.await(redis.batch(reqs), timeout, STORE);
    }

    /**
     * {@link #batch} sent now, without waiting: the caller prepares other partitions' calls meanwhile and takes the
     * answer with {@link #await(CompletableFuture)}, so several calls share one wait instead of one wait each.
     */
    public CompletableFuture<List<Response>> startBatch(List<Request> reqs) {
        return redis.batch(reqs).subscribeAsCompletionStage();
    }

    /** {@link #send} sent now, without waiting (see {@link #startBatch}). */
    public CompletableFuture<Response> start(Request req) {
        return redis.send(req).subscribeAsCompletionStage();
    }

    /** The answer of a call started earlier, within the timeout, as {@link #send} gives it. */
    public <T> T await(CompletableFuture<T> started) {
        return Stores.await(Uni.createFrom().completionStage(started), timeout, STORE);
    }
}
