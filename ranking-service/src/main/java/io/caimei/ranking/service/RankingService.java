package io.caimei.ranking.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.events.Period;
import io.caimei.events.ScoreUpdate;
import io.caimei.ranking.mapping.Board;
import io.caimei.ranking.mapping.BoardPage;
import io.caimei.ranking.mapping.CatalogEntity;
import io.caimei.ranking.mapping.Entry;
import io.caimei.ranking.repository.FrozenRepository;
import io.caimei.ranking.repository.FrozenRepository.FrozenRow;
import io.caimei.ranking.repository.LiveBoardRepository;
import io.caimei.ranking.repository.LiveBoardRepository.Contributor;
import io.caimei.ranking.repository.LiveBoardRepository.Placement;

/** Places scores on boards and answers board queries: live periods from Redis, closed ones from PostgreSQL. */
@ApplicationScoped
public class RankingService {

    private final LiveBoardRepository live;
    private final FrozenRepository frozen;
    private final CatalogService catalog;
    private final Boards boards;
    private final MovementFacts facts;
    private final Set<String> frozenKeys = ConcurrentHashMap.newKeySet();
    private volatile boolean loaded;

    public RankingService(LiveBoardRepository live, FrozenRepository frozen, CatalogService catalog, Boards boards,
            MovementFacts facts) {
        this.boards = boards;
        this.facts = facts;
        this.live = live;
        this.frozen = frozen;
        this.catalog = catalog;
    }

    /** Places a batch of score updates on every board each entity belongs to, skipping frozen periods. */
    public int apply(List<ScoreUpdate> updates) {
        List<Placement> placements = new ArrayList<>();
        for (ScoreUpdate u : updates) {
            Optional<CatalogEntity> c = catalog.find(u.entityId());
            for (Board b : boards.of(u.entityType(), c.map(CatalogEntity::kind).orElse(null),
                    c.map(CatalogEntity::category).orElse(null))) {
                // in-memory check only: a placement into a period another replica just froze is harmless,
                // frozen periods are served from PostgreSQL
                if (!frozenKeys.contains(b.id() + "|" + u.period())) {
                    placements.add(new Placement(b.id(), u.period(), u.entityId(), u.index(), u.topContributor(),
                            u.topContributorOrders()));
                }
            }
        }
        live.place(placements);
        return placements.size();
    }

    /**
     * Whether a board-period is frozen, from memory: this replica's own freezes at once, other replicas' within
     * the refresh interval (meanwhile the live set, kept for days after a freeze, holds the same ranking).
     */
    public boolean isFrozen(String board, String period) {
        if (!loaded) {
            refreshFrozen();
        }
        return frozenKeys.contains(board + "|" + period);
    }

    /** Learns periods frozen by other replicas, so the write path never asks PostgreSQL. */
    @io.quarkus.scheduler.Scheduled(every = "5s", concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void refreshFrozen() {
        List<String> keys = frozen.frozenKeys();
        if (!frozenKeys.containsAll(keys)) {
            frozenKeys.addAll(keys);
            facts.invalidate();
        }
        loaded = true;
    }

    public void markFrozen(String board, String period) {
        frozenKeys.add(board + "|" + period);
        facts.invalidate();
    }

    /** A page of a board; ranks are competition style and stay right across page boundaries. */
    public BoardPage page(Board board, Period period, int offset, int limit) {
        boolean closed = isFrozen(board.id(), period.id());
        List<Raw> raws = new ArrayList<>();
        long total;
        if (closed) {
            total = frozen.total(board.id(), period.id()).orElse(0);
            for (FrozenRow r : frozen.page(board.id(), period.id(), offset, limit)) {
                raws.add(new Raw(r.rank(), r.entityId(), r.score(), r.topContributor(), r.topContributorOrders()));
            }
        } else {
            total = live.count(board.id(), period.id());
            List<Map.Entry<String, Double>> slice = live.range(board.id(), period.id(), offset, offset + limit - 1L);
            Map<String, Contributor> tops = board.id().equals("music-propagation")
                    ? live.contributors(board.id(), period.id(), slice.stream().map(Map.Entry::getKey).toList())
                    : Map.of();
            CompetitionRanker ranker = new CompetitionRanker();
            if (!slice.isEmpty()) {
                // one ZCOUNT gives the first entry's rank, so a tie split across pages keeps one rank
                double first = slice.get(0).getValue();
                ranker.startingAt(live.rankOfScore(board.id(), period.id(), first), first);
            }
            for (int i = 0; i < slice.size(); i++) {
                long rank = ranker.next(offset + i + 1L, slice.get(i).getValue());
                Contributor top = tops.get(slice.get(i).getKey());
                raws.add(new Raw((int) rank, slice.get(i).getKey(), slice.get(i).getValue(),
                        top == null ? null : top.contentId(), top == null ? null : top.orders()));
            }
        }
        return new BoardPage(board.id(), board.name(), period.id(), closed, offset, limit, total,
                decorate(board, period, raws));
    }

    /** The page around one entity (± n), or empty when it is not ranked in the period. */
    public Optional<BoardPage> around(Board board, Period period, String entityId, int n) {
        long position;
        if (isFrozen(board.id(), period.id())) {
            position = frozen.entry(board.id(), period.id(), entityId).map(FrozenRow::position).orElse(-1);
        } else {
            position = live.position(board.id(), period.id(), entityId);
        }
        if (position < 0) {
            return Optional.empty();
        }
        int from = (int) Math.max(0, position - n);
        return Optional.of(page(board, period, from, (int) (position - from) + n + 1));
    }

    /** Periods of a board, newest first, each marked closed (frozen) or open. */
    public List<Map<String, Object>> periods(Board board) {
        Set<String> all = new java.util.TreeSet<>(java.util.Comparator.reverseOrder());
        all.addAll(live.periodsOf(board.id()));
        List<String> closedIds = frozen.periods(board.id());
        all.addAll(closedIds);
        List<Map<String, Object>> out = new ArrayList<>();
        for (String id : all) {
            Period p = Period.parse(id).orElse(null);
            if (p != null) {
                out.add(Map.of("period", id, "granularity", p.kind().name(), "closed", closedIds.contains(id)));
            }
        }
        return out;
    }

    private List<Entry> decorate(Board board, Period period, List<Raw> raws) {
        List<String> ids = raws.stream().map(Raw::entityId).toList();
        Map<String, MovementFacts.Facts> known = ids.isEmpty() ? Map.of() : facts.of(board, period, ids);
        List<Entry> out = new ArrayList<>(raws.size());
        for (Raw r : raws) {
            MovementFacts.Facts f = known.get(r.entityId());
            Integer prev = f.previousRank();
            int onBoard = f.onBoard();
            Integer peak = f.peak();
            Optional<CatalogEntity> c = catalog.find(r.entityId());
            String topName = r.topContributor() == null ? null
                    : catalog.find(r.topContributor()).map(CatalogEntity::name).orElse(r.topContributor());
            out.add(new Entry(r.rank(), r.entityId(), c.map(CatalogEntity::name).orElse(r.entityId()),
                    c.isPresent(), r.score(), prev, Movement.of(r.rank(), prev, onBoard), peak, onBoard,
                    r.topContributor(), topName, r.topContributorOrders()));
        }
        return out;
    }

    private record Raw(int rank, String entityId, double score, String topContributor, Long topContributorOrders) {
    }
}
