package io.caimei.ranking.mapping;

import java.util.List;

/** A page of a board in a period; {@code total} counts every ranked entity. */
public record BoardPage(String boardId, String boardName, String period, boolean closed, int offset, int limit,
        long total, List<Entry> entries) {
}
