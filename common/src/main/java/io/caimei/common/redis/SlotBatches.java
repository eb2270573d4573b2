package io.caimei.common.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Pipelines single-key commands as one batch per Redis Cluster hash slot, so every batch is served by one node
 * (a cluster client refuses a batch whose keys live on different masters), and answers in the order given.
 * On a standalone Redis the same batches simply go to the one server.
 */
public final class SlotBatches {

    private static final int SLOTS = 16384;

    private SlotBatches() {
    }

    /** The hash slot of a key as Redis Cluster computes it: CRC16 of the first non-empty {tag}, else of the key. */
    public static int slot(String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int start = 0;
        int end = k.length;
        for (int i = 0; i < k.length; i++) {
            if (k[i] == '{') {
                for (int j = i + 1; j < k.length; j++) {
                    if (k[j] == '}') {
                        if (j > i + 1) {
                            start = i + 1;
                            end = j;
                        }
                        break;
                    }
                }
                break;
            }
        }
        return crc16(k, start, end) % SLOTS;
    }

    /** The indexes of {@code keys} grouped by slot, in first-seen order: the batches {@link #send} makes. */
    public static Collection<List<Integer>> groups(List<String> keys) {
        Map<Integer, List<Integer>> bySlot = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            bySlot.computeIfAbsent(slot(keys.get(i)), s -> new ArrayList<>()).add(i);
        }
        return bySlot.values();
    }

    /**
     * Sends {@code reqs} (the i-th about {@code keys.get(i)}) in one batch per slot, pipelined on one connection: a
     * cluster connection reaches every master, and batches sent on separate pooled connections at once could each
     * hold some masters' connections while waiting for the others.
     */
    public static Uni<List<Response>> send(Redis redis, List<String> keys, List<Request> reqs) {
        if (keys.size() != reqs.size()) {
            throw new IllegalArgumentException(keys.size() + " keys for " + reqs.size() + " requests");
        }
        List<List<Integer>> order = new ArrayList<>(groups(keys));
        if (order.size() == 1) {
            return redis.batch(reqs);
        }
        return redis.connect().onItem().transformToUni(connection -> {
            List<Uni<List<Response>>> calls = new ArrayList<>(order.size());
            for (List<Integer> group : order) {
                List<Request> batch = new ArrayList<>(group.size());
                group.forEach(i -> batch.add(reqs.get(i)));
                calls.add(connection.batch(batch));
            }
            return Uni.join().all(calls).andFailFast().eventually(connection::close);
        }).map(answers -> {
            List<Response> out = new ArrayList<>(Collections.nCopies(reqs.size(), (Response) null));
            for (int g = 0; g < order.size(); g++) {
                List<Integer> group = order.get(g);
                for (int j = 0; j < group.size(); j++) {
                    out.set(group.get(j), answers.get(g).get(j));
                }
            }
            return out;
        });
    }

    private static int crc16(byte[] bytes, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc ^= (bytes[i] & 0xff) << 8;
            for (int b = 0; b < 8; b++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xffff;
        }
        return crc;
    }
}
