package io.caimei.ranking.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.caimei.events.Board;
import io.caimei.events.Period;
import io.caimei.ranking.config.RankingConfig;
import io.caimei.ranking.repository.FrozenRepository.FrozenRow;
import io.caimei.ranking.repository.FrozenRepository;
import io.caimei.ranking.repository.LiveBoardRepository.Contributor;
import io.caimei.ranking.repository.LiveBoardRepository;

/** Freezes every board of a closed period: its whole ranking goes to PostgreSQL once, then never changes. */
@ApplicationScoped
public class FreezeService {

    private static final Logger LOG = Logger.getLogger(FreezeService.class);
    private static final int CHUNK = 5000;

    private final LiveBoardRepository live;
    private final FrozenRepository frozen;
    private final RankingService ranking;
    private final RankingConfig config;
    private final Boards boards;

    private final MovementFacts facts;
    /** A period's boards freeze side by side: each is a handful of store round trips, waiting rather than working. */
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "board-freezer");
        t.setDaemon(true);
        return t;
    });

    public FreezeService(LiveBoardRepository live, FrozenRepository frozen, RankingService ranking,
            RankingConfig config, Boards boards, MovementFacts facts) {
        this.facts = facts;
        this.boards = boards;
        this.live = live;
        this.frozen = frozen;
        this.ranking = ranking;
        this.config = config;
    }

    /** Freezes every board of the period, the boards in parallel; rethrows the first failure (a store away). */
    public void freeze(Period period) {
        List<CompletableFuture<Integer>> all = new ArrayList<>();
        for (Board b : boards.all()) {
            all.add(CompletableFuture.supplyAsync(() -> freeze(b, period), pool));
        }
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    /** Freezes one board-period; returns the number of entries stored (0 when it was frozen already). */
    public int freeze(Board board, Period period) {
        if (ranking.isFrozen(board.id(), period.id())) {
            return 0;
        }
        List<FrozenRow> rows = new ArrayList<>();
        long total = live.count(board.id(), period.id());
        CompetitionRanker ranker = new CompetitionRanker();
        for (long from = 0; from < total; from += CHUNK) {
            List<Map.Entry<String, Double>> slice = live.range(board.id(), period.id(), from, from + CHUNK - 1);
            Map<String, Contributor> tops = board.topContributors()
                    ? live.contributors(board.id(), period.id(), slice.stream().map(Map.Entry::getKey).toList())
                    : Map.of();
            for (int i = 0; i < slice.size(); i++) {
                int position = (int) from + i;
                double score = slice.get(i).getValue();
                Contributor top = tops.get(slice.get(i).getKey());
                rows.add(new FrozenRow(position, (int) ranker.next(position + 1L, score), slice.get(i).getKey(), score,
                        top == null ? null : top.contentId(), top == null ? null : top.orders()));
            }
        }
        boolean stored = frozen.freeze(board.id(), period, rows);
        ranking.markFrozen(board.id(), period.id());
        live.expire(board.id(), period.id(), config.ranking().liveTtlAfterFreeze().toSeconds());
        refreshMovementFacts(board, period);
        if (stored) {
            LOG.infof("froze %s %s with %d entries", board.id(), period.id(), rows.size());
        }
        return stored ? rows.size() : 0;
    }

    /**
     * A freeze changes the movement facts of the later periods of its kind: the next period's are written at once
     * (its pages stay one Redis read), later open periods' are forgotten and computed again on their next read.
     */
    private void refreshMovementFacts(Board board, Period closed) {
        Period next = closed.next();
        if (!ranking.isFrozen(board.id(), next.id())) {
            facts.compute(board, next, true, false);
        }
        List<String> later = new ArrayList<>();
        for (String id : live.periodsOf(board.id())) {
            Period.parse(id).filter(p -> p.kind() == closed.kind() && p.firstDay().isAfter(next.firstDay())
                    && !ranking.isFrozen(board.id(), p.id())).ifPresent(p -> later.add(p.id()));
        }
        // one pipelined round trip: a ranking running behind the scorer has many later periods open
        live.dropFacts(board.id(), later);
    }
}
