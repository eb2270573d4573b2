package io.caimei.ranking.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.events.Period;
import io.caimei.ranking.mapping.Board;
import io.caimei.ranking.repository.FrozenRepository;

/**
 * What frozen periods say about an entity on a board-period — its final rank in the previous period, its peak
 * rank and periods on board before — remembered so that board pages stop asking PostgreSQL on every read. Frozen
 * periods never change; only a new freeze can change these facts, and every freeze empties the cache (this
 * replica's at once, other replicas' when {@link RankingService} learns of them, within its 5 s refresh).
 */
@ApplicationScoped
public class MovementFacts {

    /** The facts of one entity; {@code previousRank} and {@code peak} are null when there is none. */
    public record Facts(Integer previousRank, Integer peak, int onBoard) {
    }

    private static final int MAX_ENTRIES = 200_000;

    private final FrozenRepository frozen;
    private final AtomicLong generation = new AtomicLong();
    private final Map<String, Facts> cache = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Facts> eldest) {
            return size() > MAX_ENTRIES;
        }
    });

    public MovementFacts(FrozenRepository frozen) {
        this.frozen = frozen;
    }

    /** The facts of each entity on a board-period; at most two PostgreSQL queries, for the entities not cached. */
    public Map<String, Facts> of(Board board, Period period, List<String> entityIds) {
        String prefix = board.id() + "|" + period.id() + "|";
        Map<String, Facts> out = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : entityIds) {
            Facts f = cache.get(prefix + id);
            if (f == null) {
                missing.add(id);
            } else {
                out.put(id, f);
            }
        }
        if (missing.isEmpty()) {
            return out;
        }
        long seen = generation.get();
        Map<String, Integer> previous = frozen.ranks(board.id(), period.previous().id(), missing);
        Map<String, int[]> history = frozen.history(board.id(), period, board.shown(), missing);
        for (String id : missing) {
            int[] h = history.get(id);
            Facts f = new Facts(previous.get(id), h == null ? null : h[0], h == null ? 0 : h[1]);
            out.put(id, f);
            // a freeze that finished while we read may have changed them: then do not remember
            if (generation.get() == seen) {
                cache.put(prefix + id, f);
            }
        }
        return out;
    }

    /** Another period froze: everything remembered may be stale. */
    public void invalidate() {
        generation.incrementAndGet();
        cache.clear();
    }
}
