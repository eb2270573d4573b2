package io.caimei.ranking.mapping;

import java.util.List;

import io.caimei.events.AccountKind;
import io.caimei.events.CampaignCategory;
import io.caimei.events.EntityType;

/**
 * A catalog entry: name, kind or category, owning advertiser (campaigns) and a content's links to its music,
 * account and campaigns.
 */
public record CatalogEntity(String id, EntityType type, String name, AccountKind kind, CampaignCategory category,
        String owner, String musicId, String accountId, List<String> campaignIds) {

    public CatalogEntity {
        campaignIds = campaignIds == null ? List.of() : List.copyOf(campaignIds);
    }
}
