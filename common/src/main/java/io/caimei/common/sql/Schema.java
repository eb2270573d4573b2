package io.caimei.common.sql;

import java.time.Duration;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Applies a service's DDL once per start, serialised across replicas that start at the same moment. */
public final class Schema {

    /**
     * One advisory lock for every caimei schema: two replicas running {@code CREATE TABLE IF NOT EXISTS} side by side
     * both pass the "not exists" check and one fails on PostgreSQL's catalog index (pg_type_typname_nsp_index).
     */
    static final long LOCK = 0x6361_696d_6569L; // "caimei"

    private Schema() {
    }

    /** Runs every statement in one transaction that holds the lock; fails the start if PostgreSQL does not answer. */
    public static void apply(Pool pool, List<String> statements, Duration timeout) {
        pool.withTransaction(c -> run(c, statements)).await().atMost(timeout);
    }

    private static Uni<Void> run(SqlConnection c, List<String> statements) {
        // "already exists, skipping" notices on every start are noise in the service's log
        Uni<Void> chain = c.query("SET LOCAL client_min_messages = warning").execute().replaceWithVoid()
                .chain(() -> c.query("SELECT pg_advisory_xact_lock(" + LOCK + ")").execute().replaceWithVoid());
        for (String ddl : statements) {
            chain = chain.chain(() -> c.query(ddl).execute().replaceWithVoid());
        }
        return chain;
    }
}
