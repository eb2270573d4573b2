package io.caimei.ranking.mapping;

/** One campaign of the caller's advertiser, for "my campaigns" markers; {@code type} is always CAMPAIGN. */
public record OwnCampaign(String entityId, String name, String type) {
}
