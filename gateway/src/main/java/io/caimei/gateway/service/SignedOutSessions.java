package io.caimei.gateway.service;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.caimei.gateway.config.GatewayConfig;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.oidc.SecurityEvent;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Dashboard sessions that Keycloak ended, by their session id ({@code sid}). Quarkus' back-channel logout refuses
 * the first request that still carries an ended session's cookie and clears it in that browser; a copy of the
 * cookie elsewhere would carry on. Remembering the {@code sid} here (and in Redis for the other replicas) refuses
 * every copy until the cookie could not have lived anyway.
 */
@ApplicationScoped
public class SignedOutSessions {

    private static final Logger LOG = Logger.getLogger(SignedOutSessions.class);

    private final Redis redis;
    private final GatewayConfig.Sessions config;
    private final Map<String, Long> local = new ConcurrentHashMap<>();

    public SignedOutSessions(Redis redis, GatewayConfig config) {
        this.redis = redis;
        this.config = config.sessions();
    }

    void onSecurityEvent(@Observes SecurityEvent event) {
        if (event.getEventType() == SecurityEvent.Type.OIDC_BACKCHANNEL_LOGOUT_COMPLETED) {
            sessionId(event.getSecurityIdentity()).ifPresent(this::remember);
        }
    }

    /** The Keycloak session of a dashboard identity (one built from an ID token), if it has one. */
    public static Optional<String> sessionId(SecurityIdentity identity) {
        if (identity == null || identity.getCredential(IdTokenCredential.class) == null
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Optional.empty();
        }
        Object sid = jwt.getClaim("sid");
        String s = sid == null ? "" : sid.toString().replace("\"", "");
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    void remember(String sid) {
        Duration ttl = config.signedOutTtl();
        local.put(sid, System.currentTimeMillis() + ttl.toMillis());
        local.values().removeIf(until -> until < System.currentTimeMillis());
        redis.send(Request.cmd(Command.SET).arg(key(sid)).arg("1").arg("EX").arg(ttl.toSeconds()))
                .subscribe().with(ok -> { }, e -> LOG.warnf("could not share an ended session with the other replicas: %s",
                        e.getMessage()));
    }

    /**
     * True when Keycloak ended this session; asks Redis when this replica has not seen the logout itself. While Redis
     * cannot answer, only this replica's own record counts (as the rate limits do): a dashboard that stops working
     * for everybody would be worse than a copied cookie that another replica saw end.
     */
    public Uni<Boolean> isSignedOut(String sid) {
        Long until = local.get(sid);
        if (until != null && until > System.currentTimeMillis()) {
            return Uni.createFrom().item(true);
        }
        return redis.send(Request.cmd(Command.EXISTS).arg(key(sid))).ifNoItem().after(config.redisTimeout()).fail()
                .map(r -> r != null && r.toInteger() > 0)
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("could not ask Redis about ended sessions: %s", e.getMessage());
                    return false;
                });
    }

    private String key(String sid) {
        return config.keyPrefix() + ":signed-out:" + sid;
    }
}
