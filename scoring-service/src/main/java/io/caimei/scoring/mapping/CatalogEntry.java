package io.caimei.scoring.mapping;

/** What scoring needs of a catalog entry to apply tenancy: its type and owning advertiser. */
public record CatalogEntry(String id, String type, String owner) {
}
