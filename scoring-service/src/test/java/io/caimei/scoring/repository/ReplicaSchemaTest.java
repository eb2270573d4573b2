package io.caimei.scoring.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.caimei.common.sql.Schema;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/** Replicas that start at the same moment against a fresh PostgreSQL all come up (the CI failure of stop 22). */
@QuarkusTest
class ReplicaSchemaTest {

    @Inject
    Pool pool;

    @Test
    void sixReplicasCreatingTheSameTablesAtOnceAllSucceed() throws Exception {
        String table = "replica_race_" + Math.abs(ThreadLocalRandom.current().nextLong());
        List<String> ddl = List.of(
                "CREATE TABLE IF NOT EXISTS " + table + " (id TEXT PRIMARY KEY, n BIGSERIAL)",
                "CREATE INDEX IF NOT EXISTS " + table + "_n ON " + table + " (n)");
        ExecutorService replicas = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Void>> starts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                starts.add(() -> {
                    Schema.apply(pool, ddl, Duration.ofSeconds(20));
                    return null;
                });
            }
            for (Future<Void> f : replicas.invokeAll(starts)) {
                f.get(); // any replica's failure is this test's failure
            }
            long tables = pool.query("SELECT count(*) FROM pg_tables WHERE tablename = '" + table + "'").execute()
                    .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
            assertEquals(1L, tables);
        } finally {
            replicas.shutdownNow();
            pool.query("DROP TABLE IF EXISTS " + table).execute().await().atMost(Duration.ofSeconds(5));
        }
    }
}
