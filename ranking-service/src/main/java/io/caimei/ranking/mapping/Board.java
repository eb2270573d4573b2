package io.caimei.ranking.mapping;

import io.caimei.events.AccountKind;
import io.caimei.events.CampaignCategory;
import io.caimei.events.EntityType;

/**
 * A leaderboard: which entities it ranks (type and, for accounts and campaigns, kind or category) and how
 * many it shows by default.
 */
public record Board(String id, String name, String englishName, String series, EntityType entityType,
        AccountKind accountKind, CampaignCategory campaignCategory, String profile, int shown) {

    /** True when an entity of this type, kind and category belongs on the board. */
    public boolean ranks(EntityType type, AccountKind kind, CampaignCategory category) {
        if (type != entityType) {
            return false;
        }
        if (accountKind != null && accountKind != kind) {
            return false;
        }
        return campaignCategory == null || campaignCategory == category;
    }

    /** Music boards name each entity's top order contributor (the CONTENT that brought it most orders). */
    public boolean reportsTopContributors() {
        return entityType == EntityType.MUSIC;
    }
}
