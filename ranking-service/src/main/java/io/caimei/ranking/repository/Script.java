package io.caimei.ranking.repository;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import io.caimei.common.rest.StoreUnavailableException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * A Lua script of this service, run by its SHA; a node that does not know it yet (restart, another cluster
 * master) gets the full text once through EVAL, which is routed by the keys like any other command.
 */
final class Script {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Redis redis;
    private final String text;
    private final String sha;

    Script(Redis redis, String resource) {
        this.redis = redis;
        try (InputStream in = Script.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing script " + resource);
            }
            this.text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read script " + resource, e);
        }
        this.sha = sha1(text);
    }

    Response run(List<String> keys, List<String> args) {
        return runAsync(keys, args).await().indefinitely();
    }

    /** The script's answer without blocking; a failure or no answer within 5 s is a {@link StoreUnavailableException} (503 on
     * a request path, a retry on the consumer). */
    Uni<Response> runAsync(List<String> keys, List<String> args) {
        return redis.send(request(Command.EVALSHA, sha, keys, args))
                .onFailure(e -> e.getMessage() != null && e.getMessage().contains("NOSCRIPT"))
                .recoverWithUni(() -> redis.send(request(Command.EVAL, text, keys, args)))
                .ifNoItem().after(TIMEOUT).fail()
                .onFailure().transform(e -> new StoreUnavailableException("Redis", e));
    }

    private static Request request(Command cmd, String script, List<String> keys, List<String> args) {
        Request r = Request.cmd(cmd).arg(script).arg(keys.size());
        keys.forEach(r::arg);
        args.forEach(r::arg);
        return r;
    }

    private static String sha1(String s) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
