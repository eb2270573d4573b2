package io.caimei.ranking.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.events.Board;
import io.caimei.events.Period;
import io.caimei.ranking.config.RankingConfig;
import io.caimei.ranking.repository.FrozenRepository;
import io.caimei.ranking.repository.LiveBoardRepository;

/**
 * What frozen periods say about each entity of a board-period — its final rank in the previous period, its peak
 * rank and periods on board before — computed once per board-period from PostgreSQL and kept in Redis beside the
 * ranking, so a page reads them in the same round trip as its entries. Only a freeze can change them: the freezer
 * writes the next period's facts and forgets later periods' (see {@link FreezeService}).
 */
@ApplicationScoped
public class MovementFacts {

    /** The facts of one entity; {@code previousRank} and {@code peak} are null when there is none. */
    public record Facts(Integer previousRank, Integer peak, int onBoard) {

        static final Facts NONE = new Facts(null, null, 0);

        /** {@code previous,peak,onBoard} with empty fields for none: short, so the hash stays compact. */
        String encode() {
            return (previousRank == null ? "" : previousRank) + "," + (peak == null ? "" : peak) + "," + onBoard;
        }

        static Facts decode(String v) {
            if (v == null) {
                return NONE;
            }
            int a = v.indexOf(',');
            int b = v.indexOf(',', a + 1);
            return new Facts(a == 0 ? null : Integer.valueOf(v.substring(0, a)),
                    b == a + 1 ? null : Integer.valueOf(v.substring(a + 1, b)), Integer.parseInt(v.substring(b + 1)));
        }
    }

    private final FrozenRepository frozen;
    private final LiveBoardRepository live;
    private final RankingConfig config;

    public MovementFacts(FrozenRepository frozen, LiveBoardRepository live, RankingConfig config) {
        this.frozen = frozen;
        this.live = live;
        this.config = config;
    }

    /**
     * Computes a board-period's facts from the frozen periods and stores them beside its ranking. {@code replace}
     * after a freeze; otherwise (a reader found none) they are kept only if nobody stored newer ones meanwhile.
     */
    public Map<String, Facts> compute(Board board, Period period, boolean replace, boolean periodFrozen) {
        Map<String, Integer> previous = frozen.ranks(board.id(), period.previous().id());
        Map<String, FrozenRepository.History> history = frozen.history(board.id(), period, board.shown());
        Map<String, Facts> all = new HashMap<>();
        previous.forEach((id, rank) -> all.put(id, new Facts(rank, null, 0)));
        history.forEach((id, h) -> all.put(id, new Facts(previous.get(id), h.peak(), h.periods())));
        Map<String, String> encoded = new HashMap<>();
        all.forEach((id, f) -> encoded.put(id, f.encode()));
        // a closed period's facts are kept as long as its live ranking; an open period's until it closes (the
        // freeze shortens that), at the latest that long after its end: a period never closed leaks nothing
        long keep = config.ranking().liveTtlAfterFreeze().toSeconds();
        long ttl = periodFrozen ? keep
                : Math.max(keep, Duration.between(Instant.now(), period.end()).toSeconds() + keep);
        live.storeFacts(board.id(), period.id(), encoded, replace, ttl);
        return all;
    }

    /** Decodes the raw facts a board read returned, computing the board-period's facts first when it had none. */
    public List<Facts> of(Board board, Period period, List<String> entityIds, List<String> raw, boolean ready,
            boolean periodFrozen) {
        List<Facts> out = new ArrayList<>(entityIds.size());
        if (ready) {
            raw.forEach(v -> out.add(Facts.decode(v)));
            return out;
        }
        Map<String, Facts> all = compute(board, period, false, periodFrozen);
        entityIds.forEach(id -> out.add(all.getOrDefault(id, Facts.NONE)));
        return out;
    }
}
