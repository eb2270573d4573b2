package io.caimei.scoring.repository;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.common.sql.Schema;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Which weight profile last scored each entity type, so a changed board definition is noticed at start. */
@ApplicationScoped
public class ScoredProfileRepository {

    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Pool pool;

    public ScoredProfileRepository(Pool pool) {
        this.pool = pool;
    }

    public void createSchema() {
        Schema.apply(pool, List.of("""
                CREATE TABLE IF NOT EXISTS scored_profile (
                  entity_type TEXT PRIMARY KEY,
                  profile TEXT NOT NULL,
                  changed_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """), STARTUP);
    }

    /**
     * Records the type's profile; true only for the one caller that changed it from another profile (a first record
     * is no change: the type was scored by the same definition before it was recorded). Replicas starting together
     * race on the row lock, so exactly one of them re-scores.
     */
    public boolean switchTo(String entityType, String profile) {
        return pool.withTransaction(c -> c.preparedQuery("""
                INSERT INTO scored_profile (entity_type, profile) VALUES ($1, $2) ON CONFLICT (entity_type) DO NOTHING""")
                .execute(Tuple.of(entityType, profile))
                .chain(() -> c.preparedQuery("""
                        UPDATE scored_profile SET profile = $2, changed_at = now()
                        WHERE entity_type = $1 AND profile <> $2 RETURNING entity_type""")
                        .execute(Tuple.of(entityType, profile))))
                .map(rows -> rows.rowCount() == 1)
                .await().atMost(STARTUP);
    }
}
