package io.caimei.events;

/** The kinds of ranked entity in the catalog. */
public enum EntityType {
    CONTENT,
    MUSIC,
    ACCOUNT,
    AI_APP,
    CAMPAIGN
}
