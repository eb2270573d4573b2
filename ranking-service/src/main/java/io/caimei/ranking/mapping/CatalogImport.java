package io.caimei.ranking.mapping;

/** The answer to a catalog import: how many entities were saved (all of them, or none and a 400). */
public record CatalogImport(int saved) {
}
