package io.caimei.ranking.service;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.events.AccountKind;
import io.caimei.events.Board;
import io.caimei.events.BoardCatalog;
import io.caimei.events.CampaignCategory;
import io.caimei.events.EntityType;

/** The boards this service serves and fills: the platform's one definition ({@link BoardCatalog}). */
@ApplicationScoped
public class Boards {

    private final BoardCatalog catalog = BoardCatalog.get();

    public List<Board> all() {
        return catalog.all();
    }

    public Optional<Board> byId(String id) {
        return catalog.byId(id);
    }

    /** Boards an entity belongs on; an account or campaign of unknown kind or category is on none yet. */
    public List<Board> of(EntityType type, AccountKind kind, CampaignCategory category) {
        return catalog.of(type, kind, category);
    }
}
