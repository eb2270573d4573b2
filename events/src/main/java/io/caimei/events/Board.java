package io.caimei.events;

/**
 * A leaderboard as defined in {@code boards.tsv}: which entities it ranks (type and, for accounts and campaigns,
 * kind or category), the weight profile that scores them, how many it shows and whether it names top contributors.
 */
public record Board(String id, String name, String englishName, String series, EntityType entityType,
        AccountKind accountKind, CampaignCategory campaignCategory, String profile, int shown,
        boolean topContributors) {

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
}
