package io.caimei.ranking.mapping;

import java.util.List;
import java.util.Map;

/**
 * Every content's attribution targets ({@code MUSIC:<id>}, {@code ACCOUNT:<id>}, {@code CAMPAIGN:<id>}) for ingest,
 * with the catalog version they were read at.
 */
public record Attribution(long version, Map<String, List<String>> links) {
}
