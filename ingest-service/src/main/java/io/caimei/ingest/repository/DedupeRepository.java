package io.caimei.ingest.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.ingest.config.IngestConfig;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Remembers accepted {@code (source, eventId)} pairs for the dedupe window. A pair is reserved before it is
 * sent to Kafka and released again if the send fails, so a retry after a failure is never taken for a duplicate.
 */
@ApplicationScoped
public class DedupeRepository {

    private final Redis redis;
    private final String prefix;
    private final long windowSeconds;

    public DedupeRepository(Redis redis, IngestConfig config) {
        this.redis = redis;
        this.prefix = config.redis().keyPrefix();
        this.windowSeconds = config.ingest().dedupeWindow().toSeconds();
    }

    private String key(String source, String eventId) {
        return prefix + ":seen:" + source + ":" + eventId;
    }

    /** Reserves every pair in one pipelined round trip; true at i when pair i is new. */
    public boolean[] reserve(List<String[]> sourceAndIds) {
        boolean[] fresh = new boolean[sourceAndIds.size()];
        if (sourceAndIds.isEmpty()) {
            return fresh;
        }
        List<Request> reqs = new ArrayList<>(sourceAndIds.size());
        for (String[] p : sourceAndIds) {
            reqs.add(Request.cmd(Command.SET).arg(key(p[0], p[1])).arg("1").arg("NX").arg("EX").arg(windowSeconds));
        }
        List<Response> rs = redis.batch(reqs).await().indefinitely();
        for (int i = 0; i < fresh.length; i++) {
            fresh[i] = rs.get(i) != null;
        }
        return fresh;
    }

    /** Releases reservations whose events never reached Kafka. */
    public void release(List<String[]> sourceAndIds) {
        if (sourceAndIds.isEmpty()) {
            return;
        }
        Request del = Request.cmd(Command.DEL);
        sourceAndIds.forEach(p -> del.arg(key(p[0], p[1])));
        redis.send(del).await().indefinitely();
    }
}
