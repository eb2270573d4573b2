package io.caimei.ranking.service;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

import io.caimei.events.AccountKind;
import io.caimei.events.CampaignCategory;
import io.caimei.events.EntityType;
import io.caimei.ranking.mapping.Board;
import io.caimei.ranking.repository.BoardRepository;
import io.quarkus.runtime.StartupEvent;

/**
 * The board definitions, loaded from PostgreSQL at start; the design's eight boards (in the report's order) are
 * the seed.
 */
@ApplicationScoped
public class Boards {

    /** The design's eight boards, seeded into PostgreSQL. */
    public static final List<Board> SEED = List.of(
            new Board("content-heat", "彩媒内容热度榜", "Content heat", "content heat", EntityType.CONTENT, null, null,
                    "standard", 20),
            new Board("music-propagation", "彩媒音乐传播榜", "Music propagation", "content heat", EntityType.MUSIC,
                    null, null, "standard", 10),
            new Board("subscription-accounts", "订阅号热门榜", "Subscription accounts", "business",
                    EntityType.ACCOUNT, AccountKind.SUBSCRIPTION, null, "standard", 20),
            new Board("shicai-accounts", "视彩号热门榜", "Shicai accounts", "business", EntityType.ACCOUNT,
                    AccountKind.SHICAI, null, "standard", 20),
            new Board("ai-apps", "AI智创应用热度榜", "AI creation apps", "business", EntityType.AI_APP, null, null,
                    "creation", 15),
            new Board("brand-promotion", "彩媒品牌宣发榜", "Brand promotion", "promotion", EntityType.CAMPAIGN, null,
                    CampaignCategory.BRAND, "promotion", 20),
            new Board("music-promotion", "彩媒音乐宣发榜", "Music promotion", "promotion", EntityType.CAMPAIGN, null,
                    CampaignCategory.MUSIC, "promotion", 20),
            new Board("tourism-promotion", "彩媒文旅宣发榜", "Tourism promotion", "promotion", EntityType.CAMPAIGN,
                    null, CampaignCategory.TOURISM, "promotion", 20));

    private final BoardRepository repository;
    private volatile List<Board> all = SEED;

    public Boards(BoardRepository repository) {
        this.repository = repository;
    }

    void onStart(@Observes @Priority(1) StartupEvent ev) {
        repository.createSchema();
        repository.seed(SEED);
        all = List.copyOf(repository.all());
    }

    public List<Board> all() {
        return all;
    }

    public Optional<Board> byId(String id) {
        return all.stream().filter(b -> b.id().equals(id)).findFirst();
    }

    /** Boards an entity belongs on; an account or campaign of unknown kind or category is on none yet. */
    public List<Board> of(EntityType type, AccountKind kind, CampaignCategory category) {
        return all.stream().filter(b -> b.ranks(type, kind, category)).toList();
    }

    /** A seeded board by id, for code that runs without the database (tests). */
    public static Optional<Board> seeded(String id) {
        return SEED.stream().filter(b -> b.id().equals(id)).findFirst();
    }
}
