package io.caimei.ranking.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.common.rest.Stores;
import io.caimei.common.sql.Schema;
import io.caimei.events.AccountKind;
import io.caimei.events.CampaignCategory;
import io.caimei.events.EntityType;
import io.caimei.ranking.config.RankingConfig;
import io.caimei.ranking.mapping.CatalogEntity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** The catalog in PostgreSQL: entities with names, kinds, owners and a content's links. */
@ApplicationScoped
public class CatalogRepository {

    /** Long enough for a PostgreSQL that is still starting beside us; a start that cannot reach it fails. */
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Pool pool;
    private final RankingConfig.Stores timeouts;

    public CatalogRepository(Pool pool, RankingConfig config) {
        this.pool = pool;
        this.timeouts = config.stores();
    }

    public void createSchema() {
        Schema.apply(pool, List.of(
                """
                CREATE TABLE IF NOT EXISTS catalog_entity (
                  id TEXT PRIMARY KEY,
                  type TEXT NOT NULL,
                  name TEXT NOT NULL,
                  kind TEXT,
                  category TEXT,
                  owner TEXT,
                  music_id TEXT,
                  account_id TEXT,
                  campaign_ids TEXT[] NOT NULL DEFAULT '{}',
                  updated_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """), STARTUP);
    }

    /** Inserts or replaces entities in one transaction. */
    public void upsert(List<CatalogEntity> entities) {
        if (entities.isEmpty()) {
            return;
        }
        List<Tuple> rows = new ArrayList<>();
        for (CatalogEntity e : entities) {
            rows.add(Tuple.tuple(List.of(e.id(), e.type().name(), e.name()))
                    .addString(e.kind() == null ? null : e.kind().name())
                    .addString(e.category() == null ? null : e.category().name())
                    .addString(e.owner()).addString(e.musicId()).addString(e.accountId())
                    .addArrayOfString(e.campaignIds().toArray(String[]::new)));
        }
        Stores.await(pool.withTransaction(c -> c.preparedQuery("""
                INSERT INTO catalog_entity (id, type, name, kind, category, owner, music_id, account_id, campaign_ids)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                ON CONFLICT (id) DO UPDATE SET type = EXCLUDED.type, name = EXCLUDED.name, kind = EXCLUDED.kind,
                  category = EXCLUDED.category, owner = EXCLUDED.owner, music_id = EXCLUDED.music_id,
                  account_id = EXCLUDED.account_id, campaign_ids = EXCLUDED.campaign_ids, updated_at = now()
                """).executeBatch(rows)), timeouts.bulk(), "PostgreSQL");
    }

    public Optional<CatalogEntity> find(String id) {
        var rows = query(pool.preparedQuery("SELECT * FROM catalog_entity WHERE id = $1").execute(Tuple.of(id)));
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(map(it.next())) : Optional.empty();
    }

    public List<CatalogEntity> all() {
        List<CatalogEntity> out = new ArrayList<>();
        Stores.await(pool.query("SELECT * FROM catalog_entity ORDER BY id").execute(), timeouts.bulk(), "PostgreSQL")
                .forEach(r -> out.add(map(r)));
        return out;
    }

    /** The newest change time (epoch millis), so replicas can tell whether to reload. */
    public long version() {
        Row r = query(pool.query("SELECT coalesce(extract(epoch FROM max(updated_at)) * 1000, 0)::bigint AS v, "
                + "count(*) AS n FROM catalog_entity").execute()).iterator().next();
        return r.getLong("v") * 31 + r.getLong("n");
    }

    /** One short query; PostgreSQL away or slow is a {@code StoreUnavailableException}. */
    private RowSet<Row> query(Uni<RowSet<Row>> call) {
        return Stores.await(call, timeouts.postgresql(), "PostgreSQL");
    }

    private static CatalogEntity map(Row r) {
        String kind = r.getString("kind");
        String category = r.getString("category");
        String[] campaigns = r.getArrayOfStrings("campaign_ids");
        return new CatalogEntity(r.getString("id"), EntityType.valueOf(r.getString("type")), r.getString("name"),
                kind == null ? null : AccountKind.valueOf(kind), category == null ? null : CampaignCategory.valueOf(category),
                r.getString("owner"), r.getString("music_id"), r.getString("account_id"),
                campaigns == null ? List.of() : Arrays.asList(campaigns));
    }
}
