package io.caimei.events;

/** The three promotion categories of a campaign. */
public enum CampaignCategory {
    BRAND,
    MUSIC,
    TOURISM
}
