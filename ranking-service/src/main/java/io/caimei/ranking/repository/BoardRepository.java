package io.caimei.ranking.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.events.AccountKind;
import io.caimei.events.CampaignCategory;
import io.caimei.events.EntityType;
import io.caimei.ranking.mapping.Board;
import io.caimei.common.sql.Schema;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Board definitions in PostgreSQL, seeded with the design's eight boards. */
@ApplicationScoped
public class BoardRepository {

    /** Long enough for a PostgreSQL that is still starting beside us; a start that cannot reach it fails. */
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Pool pool;

    public BoardRepository(Pool pool) {
        this.pool = pool;
    }

    public void createSchema() {
        Schema.apply(pool, List.of(
                """
                CREATE TABLE IF NOT EXISTS board (
                  id TEXT PRIMARY KEY,
                  position INTEGER NOT NULL,
                  name TEXT NOT NULL,
                  english_name TEXT NOT NULL,
                  series TEXT NOT NULL,
                  entity_type TEXT NOT NULL,
                  account_kind TEXT,
                  campaign_category TEXT,
                  profile TEXT NOT NULL,
                  shown INTEGER NOT NULL)
                """), STARTUP);
    }

    /** Inserts the boards that are not there yet; edited rows are left as they are. */
    public void seed(List<Board> boards) {
        List<Tuple> rows = new ArrayList<>();
        for (int i = 0; i < boards.size(); i++) {
            Board b = boards.get(i);
            rows.add(Tuple.tuple(List.of(b.id(), i, b.name(), b.englishName(), b.series(), b.entityType().name()))
                    .addString(b.accountKind() == null ? null : b.accountKind().name())
                    .addString(b.campaignCategory() == null ? null : b.campaignCategory().name())
                    .addString(b.profile()).addInteger(b.shown()));
        }
        pool.preparedQuery("""
                INSERT INTO board (id, position, name, english_name, series, entity_type, account_kind,
                  campaign_category, profile, shown) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                ON CONFLICT (id) DO NOTHING""").executeBatch(rows).await().indefinitely();
    }

    public List<Board> all() {
        List<Board> out = new ArrayList<>();
        pool.query("SELECT * FROM board ORDER BY position, id").execute().await().indefinitely()
                .forEach(r -> out.add(map(r)));
        return out;
    }

    private static Board map(Row r) {
        String kind = r.getString("account_kind");
        String category = r.getString("campaign_category");
        return new Board(r.getString("id"), r.getString("name"), r.getString("english_name"), r.getString("series"),
                EntityType.valueOf(r.getString("entity_type")), kind == null ? null : AccountKind.valueOf(kind),
                category == null ? null : CampaignCategory.valueOf(category), r.getString("profile"),
                r.getInteger("shown"));
    }
}
