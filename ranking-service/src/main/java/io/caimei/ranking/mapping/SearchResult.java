package io.caimei.ranking.mapping;

import java.util.List;

/** Ranked entities of a board-period whose name or id contains the query, in rank order; {@code total} counts all. */
public record SearchResult(String boardId, String period, String query, long total, List<Entry> entries) {
}
