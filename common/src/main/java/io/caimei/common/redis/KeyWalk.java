package io.caimei.common.redis;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.RedisOptions;

/**
 * Unlinks every key matching a pattern with SCAN, never KEYS: on a standalone Redis through the service's client,
 * on a Redis Cluster on every master in turn, each through a connection of its own (a cluster client sends a SCAN
 * to a random node, and its cursor means nothing on another), one single-key UNLINK per key.
 */
public final class KeyWalk {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private KeyWalk() {
    }

    /**
     * @param redis the service's client
     * @param seed one configured address with its credentials ({@code redis://user:pass@host:port}), whose
     *        user information is reused for the masters' addresses
     */
    public static long unlink(Vertx vertx, Redis redis, URI seed, String pattern) {
        List<String> masters = masters(redis);
        if (masters.isEmpty()) {
            return unlinkOn(redis, pattern);
        }
        long deleted = 0;
        for (String master : masters) {
            String userInfo = seed.getRawUserInfo() == null ? "" : seed.getRawUserInfo() + "@";
            Redis node = Redis.createClient(vertx, new RedisOptions()
                    .setConnectionString(seed.getScheme() + "://" + userInfo + master));
            try {
                deleted += unlinkOn(node, pattern);
            } finally {
                node.close();
            }
        }
        return deleted;
    }

    /** host:port of every master, or empty when the server is not a cluster. */
    static List<String> masters(Redis redis) {
        Response nodes;
        try {
            nodes = redis.send(Request.cmd(Command.CLUSTER).arg("NODES")).await().atMost(TIMEOUT);
        } catch (RuntimeException notACluster) {
            return List.of();
        }
        return mastersOf(nodes.toString());
    }

    /** Parses CLUSTER NODES: {@code <id> <ip:port@cport[,hostname]> <flags> ...}; masters that have not failed. */
    static List<String> mastersOf(String clusterNodes) {
        List<String> masters = new ArrayList<>();
        for (String line : clusterNodes.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length > 2 && f[2].contains("master") && !f[2].contains("fail")) {
                masters.add(f[1].split("@")[0]);
            }
        }
        return masters;
    }

    private static long unlinkOn(Redis redis, String pattern) {
        long deleted = 0;
        String cursor = "0";
        do {
            Response r = redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT")
                    .arg(2000)).await().atMost(TIMEOUT);
            cursor = r.get(0).toString();
            List<Request> unlinks = new ArrayList<>();
            r.get(1).forEach(k -> unlinks.add(Request.cmd(Command.UNLINK).arg(k.toString())));
            if (!unlinks.isEmpty()) {
                for (Response one : redis.batch(unlinks).await().atMost(TIMEOUT)) {
                    deleted += one.toLong();
                }
            }
        } while (!cursor.equals("0"));
        return deleted;
    }
}
