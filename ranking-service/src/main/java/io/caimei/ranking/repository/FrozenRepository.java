package io.caimei.ranking.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.common.rest.Stores;
import io.caimei.common.sql.Schema;
import io.caimei.events.Period;
import io.caimei.ranking.config.RankingConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** Closed periods' final rankings in PostgreSQL: written once on close, served unchanged forever. */
@ApplicationScoped
public class FrozenRepository {

    /** Long enough for a PostgreSQL that is still starting beside us; a start that cannot reach it fails. */
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Pool pool;
    private final RankingConfig.Stores timeouts;

    public FrozenRepository(Pool pool, RankingConfig config) {
        this.pool = pool;
        this.timeouts = config.stores();
    }

    public void createSchema() {
        Schema.apply(pool, List.of(
                """
                CREATE TABLE IF NOT EXISTS frozen_period (
                  board TEXT NOT NULL,
                  period TEXT NOT NULL,
                  period_kind TEXT NOT NULL,
                  first_day DATE NOT NULL,
                  total INTEGER NOT NULL,
                  frozen_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                  PRIMARY KEY (board, period))
                """,
                """
                CREATE TABLE IF NOT EXISTS frozen_entry (
                  board TEXT NOT NULL,
                  period TEXT NOT NULL,
                  period_kind TEXT NOT NULL,
                  first_day DATE NOT NULL,
                  position INTEGER NOT NULL,
                  rank INTEGER NOT NULL,
                  entity_id TEXT NOT NULL,
                  score DOUBLE PRECISION NOT NULL,
                  top_contributor TEXT,
                  top_contributor_orders BIGINT,
                  PRIMARY KEY (board, period, entity_id))
                """,
                "CREATE INDEX IF NOT EXISTS frozen_entry_page ON frozen_entry (board, period, position)",
                "CREATE INDEX IF NOT EXISTS frozen_entry_history ON frozen_entry (board, entity_id, period_kind, first_day)",
                // movement facts read every entity that was on the shown chart of a board's periods of one kind
                "CREATE INDEX IF NOT EXISTS frozen_entry_on_board ON frozen_entry (board, period_kind, rank, first_day)"), STARTUP);
    }

    /** One frozen row. */
    public record FrozenRow(int position, int rank, String entityId, double score, String topContributor,
            Long topContributorOrders) {
    }

    /** Stores a board's whole final ranking once; a second freeze of the same period changes nothing. */
    public boolean freeze(String board, Period period, List<FrozenRow> rows) {
        return bulk(pool.withTransaction(c -> c.preparedQuery("""
                INSERT INTO frozen_period (board, period, period_kind, first_day, total) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(board, period.id(), period.kind().name(), period.firstDay(), rows.size()))
                .flatMap(res -> {
                    if (res.rowCount() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(true);
                    }
                    List<Tuple> tuples = new ArrayList<>();
                    for (FrozenRow r : rows) {
                        tuples.add(Tuple.tuple(List.of(board, period.id(), period.kind().name(), period.firstDay(),
                                r.position(), r.rank(), r.entityId(), r.score()))
                                .addString(r.topContributor()).addLong(r.topContributorOrders()));
                    }
                    return c.preparedQuery("""
                            INSERT INTO frozen_entry (board, period, period_kind, first_day, position, rank, entity_id,
                              score, top_contributor, top_contributor_orders)
                            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""").executeBatch(tuples)
                            .map(x -> true);
                })));
    }

    public Optional<Integer> total(String board, String period) {
        var it = query(pool.preparedQuery("SELECT total FROM frozen_period WHERE board = $1 AND period = $2")
                .execute(Tuple.of(board, period))).iterator();
        return it.hasNext() ? Optional.of(it.next().getInteger("total")) : Optional.empty();
    }

    public List<FrozenRow> page(String board, String period, int offset, int limit) {
        List<FrozenRow> out = new ArrayList<>();
        query(pool.preparedQuery("""
                SELECT * FROM frozen_entry WHERE board = $1 AND period = $2 AND position >= $3
                ORDER BY position LIMIT $4""").execute(Tuple.of(board, period, offset, limit)))
                .forEach(r -> out.add(map(r)));
        return out;
    }

    public Optional<FrozenRow> entry(String board, String period, String entityId) {
        var it = query(pool.preparedQuery(
                "SELECT * FROM frozen_entry WHERE board = $1 AND period = $2 AND entity_id = $3")
                .execute(Tuple.of(board, period, entityId))).iterator();
        return it.hasNext() ? Optional.of(map(it.next())) : Optional.empty();
    }

    /** A frozen period of a board. */
    public record BoardPeriod(String board, String period) {
    }

    public List<BoardPeriod> frozenBoardPeriods() {
        List<BoardPeriod> out = new ArrayList<>();
        bulk(pool.query("SELECT board, period FROM frozen_period").execute())
                .forEach(r -> out.add(new BoardPeriod(r.getString("board"), r.getString("period"))));
        return out;
    }

    /** Final ranks of every entity in one frozen period. */
    public Map<String, Integer> ranks(String board, String period) {
        Map<String, Integer> out = new HashMap<>();
        bulk(pool.preparedQuery("SELECT entity_id, rank FROM frozen_entry WHERE board = $1 AND period = $2")
                .execute(Tuple.of(board, period)))
                .forEach(r -> out.put(r.getString("entity_id"), r.getInteger("rank")));
        return out;
    }

    /** An entity's best rank and how many periods it spent within the shown top N. */
    public record History(int peak, int periods) {
    }

    /** Peak rank and periods on board (within the shown top N) of every entity over frozen periods before {@code before}. */
    public Map<String, History> history(String board, Period before, int topN) {
        Map<String, History> out = new HashMap<>();
        bulk(pool.preparedQuery("""
                SELECT entity_id, min(rank) AS peak, count(*) AS periods FROM frozen_entry
                WHERE board = $1 AND period_kind = $2 AND first_day < $3 AND rank <= $4
                GROUP BY entity_id""")
                .execute(Tuple.of(board, before.kind().name(), before.firstDay(), topN)))
                .forEach(r -> out.put(r.getString("entity_id"),
                        new History(r.getInteger("peak"), r.getLong("periods").intValue())));
        return out;
    }

    /** One short query; PostgreSQL away or slow is a {@code StoreUnavailableException}. */
    private RowSet<Row> query(Uni<RowSet<Row>> call) {
        return Stores.await(call, timeouts.postgresql(), "PostgreSQL");
    }

    /** Whole-board work, given the longer bulk timeout. */
    private <T> T bulk(Uni<T> call) {
        return Stores.await(call, timeouts.bulk(), "PostgreSQL");
    }

    private static FrozenRow map(Row r) {
        return new FrozenRow(r.getInteger("position"), r.getInteger("rank"), r.getString("entity_id"),
                r.getDouble("score"), r.getString("top_contributor"), r.getLong("top_contributor_orders"));
    }

}
