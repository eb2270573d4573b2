package io.caimei.ranking.mapping;

import java.util.List;

/** A page of a board in a period; {@code total} counts every ranked entity; {@code closed} means frozen. */
public record BoardPage(String boardId, String boardName, String period, boolean closed, PeriodState state,
        int offset, int limit, long total, List<Entry> entries) {
}
