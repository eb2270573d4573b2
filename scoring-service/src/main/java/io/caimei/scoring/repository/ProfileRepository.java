package io.caimei.scoring.repository;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caimei.common.rest.Stores;
import io.caimei.common.sql.Schema;
import io.caimei.scoring.config.PostgresConfig;
import io.caimei.scoring.mapping.AuditEntry;
import io.caimei.scoring.mapping.ProfileVersion;
import io.caimei.scoring.service.WeightProfile;
import io.caimei.scoring.service.WeightTree;
import io.caimei.scoring.service.Weights;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Weight profile versions and their audit trail in PostgreSQL. Versions are never updated once active. */
@ApplicationScoped
public class ProfileRepository {

    /** Long enough for a PostgreSQL that is still starting beside us; a start that cannot reach it fails. */
    private static final Duration STARTUP = Duration.ofSeconds(30);

    /** The weight columns read as text, so no number passes through a binary double. */
    private static final String WEIGHTS_TEXT = "weights::text AS weights_text";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Pool pool;
    private final Duration timeout;

    public ProfileRepository(Pool pool, PostgresConfig config) {
        this.pool = pool;
        this.timeout = config.timeout();
    }

    public void createSchema() {
        Schema.apply(pool, List.of(
                """
                CREATE TABLE IF NOT EXISTS weight_profile (
                  name TEXT NOT NULL,
                  version INTEGER NOT NULL,
                  status TEXT NOT NULL,
                  weights JSONB NOT NULL,
                  created_by TEXT NOT NULL,
                  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                  activated_by TEXT,
                  activated_at TIMESTAMPTZ,
                  PRIMARY KEY (name, version))
                """,
                """
                CREATE TABLE IF NOT EXISTS weight_profile_audit (
                  id BIGSERIAL PRIMARY KEY,
                  name TEXT NOT NULL,
                  version INTEGER NOT NULL,
                  action TEXT NOT NULL,
                  actor TEXT NOT NULL,
                  at TIMESTAMPTZ NOT NULL DEFAULT now(),
                  changes JSONB NOT NULL)
                """), STARTUP);
    }

    /** Inserts a profile as active version 1 when the name has no version yet (the seeded defaults). */
    public void seed(WeightProfile p) {
        await(pool.withTransaction(c -> c.preparedQuery("""
                INSERT INTO weight_profile (name, version, status, weights, created_by, activated_by, activated_at)
                VALUES ($1, $2, 'ACTIVE', $3, 'seed', 'seed', now()) ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(p.name(), p.version(), new JsonObject(new HashMap<>(p.weights()))))
                .flatMap(r -> r.rowCount() == 0 ? Uni.createFrom().voidItem()
                        : audit(c, p.name(), p.version(), "SEEDED", "seed", Map.of()).replaceWithVoid())));
    }

    public List<ProfileVersion> all() {
        List<ProfileVersion> out = new ArrayList<>();
        await(pool.query("SELECT *, " + WEIGHTS_TEXT + " FROM weight_profile ORDER BY name, version").execute())
                .forEach(r -> out.add(map(r)));
        return out;
    }

    public List<ProfileVersion> active() {
        List<ProfileVersion> out = new ArrayList<>();
        await(pool.query("SELECT *, " + WEIGHTS_TEXT + " FROM weight_profile WHERE status = 'ACTIVE'").execute())
                .forEach(r -> out.add(map(r)));
        return out;
    }

    public Optional<ProfileVersion> find(String name, int version) {
        var it = await(pool.preparedQuery("SELECT *, " + WEIGHTS_TEXT
                + " FROM weight_profile WHERE name = $1 AND version = $2")
                .execute(Tuple.of(name, version))).iterator();
        return it.hasNext() ? Optional.of(map(it.next())) : Optional.empty();
    }

    /** Stores a new draft as the next version of the name and audits it with its changes. */
    public ProfileVersion createDraft(String name, Map<String, BigDecimal> weights, String actor,
            Map<String, Object> changes) {
        return await(pool.withTransaction(c -> c.preparedQuery("""
                INSERT INTO weight_profile (name, version, status, weights, created_by)
                SELECT $1, coalesce(max(version), 0) + 1, 'DRAFT', $2, $3 FROM weight_profile WHERE name = $1
                RETURNING *, weights::text AS weights_text""")
                .execute(Tuple.of(name, new JsonObject(new HashMap<>(weights)), actor))
                .flatMap(rows -> {
                    ProfileVersion v = map(rows.iterator().next());
                    return audit(c, name, v.version(), "CREATED", actor, changes).map(x -> v);
                })));
    }

    /** Makes a version the active one of its name (the previous active one retires); audited. */
    public void activate(String name, int version, String actor, Map<String, Object> changes) {
        await(pool.withTransaction(c -> c.preparedQuery(
                "UPDATE weight_profile SET status = 'RETIRED' WHERE name = $1 AND status = 'ACTIVE' AND version <> $2")
                .execute(Tuple.of(name, version))
                .flatMap(x -> c.preparedQuery("""
                        UPDATE weight_profile SET status = 'ACTIVE', activated_by = $3, activated_at = now()
                        WHERE name = $1 AND version = $2""").execute(Tuple.of(name, version, actor)))
                .flatMap(x -> audit(c, name, version, "ACTIVATED", actor, changes))));
    }

    public List<AuditEntry> audit(String name) {
        List<AuditEntry> out = new ArrayList<>();
        await(pool.preparedQuery(
                "SELECT *, changes::text AS changes_text FROM weight_profile_audit WHERE name = $1 ORDER BY id")
                .execute(Tuple.of(name)))
                .forEach(r -> out.add(new AuditEntry(r.getInteger("version"), r.getString("action"),
                        r.getString("actor"), r.getOffsetDateTime("at").toString(),
                        decimals(read(r.getString("changes_text"))))));
        return out;
    }

    /** A JSONB column's text with every number an exact decimal (the column keeps what was entered). */
    private static Map<String, Object> read(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            throw new IllegalStateException("unreadable JSON in weight_profile", e);
        }
    }

    private static BigDecimal decimal(Object v) {
        return Weights.fromStore(v instanceof BigDecimal d ? d : new BigDecimal(v.toString()));
    }

    /** Every fractional number in an audit's changes as the decimal it stands for (earlier rows hold doubles). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> decimals(Map<String, Object> changes) {
        Map<String, Object> out = new LinkedHashMap<>();
        changes.forEach((k, v) -> out.put(k, v instanceof BigDecimal d ? Weights.fromStore(d)
                : v instanceof Map<?, ?> m ? decimals((Map<String, Object>) m) : v));
        return out;
    }

    /** PostgreSQL away or slow is a {@code StoreUnavailableException}: 503 on a request, a failed start otherwise. */
    private <T> T await(Uni<T> call) {
        return Stores.await(call, timeout, "PostgreSQL");
    }

    private static Uni<RowSet<Row>> audit(SqlConnection c, String name,
            int version, String action, String actor, Map<String, Object> changes) {
        return c.preparedQuery("INSERT INTO weight_profile_audit (name, version, action, actor, changes) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(name, version, action, actor, new JsonObject(new HashMap<>(changes))));
    }

    private static ProfileVersion map(Row r) {
        Map<String, BigDecimal> weights = new LinkedHashMap<>();
        for (String node : WeightTree.allNodes()) {
            weights.put(node, null);
        }
        read(r.getString("weights_text")).forEach((k, v) -> weights.put(k, decimal(v)));
        weights.values().removeIf(Objects::isNull);
        return new ProfileVersion(r.getString("name"), r.getInteger("version"), r.getString("status"), weights,
                r.getString("created_by"), r.getOffsetDateTime("created_at").toString(), r.getString("activated_by"),
                r.getOffsetDateTime("activated_at") == null ? null : r.getOffsetDateTime("activated_at").toString());
    }
}
