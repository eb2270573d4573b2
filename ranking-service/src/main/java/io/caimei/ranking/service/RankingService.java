package io.caimei.ranking.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.caimei.common.rest.StoreUnavailableException;
import io.caimei.events.Board;
import io.caimei.events.Period;
import io.caimei.events.ScoreUpdate;
import io.caimei.ranking.mapping.BoardPage;
import io.caimei.ranking.mapping.CatalogEntity;
import io.caimei.ranking.mapping.Entry;
import io.caimei.ranking.mapping.PeriodState;
import io.caimei.ranking.mapping.SearchResult;
import io.caimei.ranking.repository.FrozenRepository;
import io.caimei.ranking.repository.FrozenRepository.FrozenRow;
import io.caimei.ranking.repository.LiveBoardRepository;
import io.caimei.ranking.repository.LiveBoardRepository.Contributor;
import io.caimei.ranking.repository.LiveBoardRepository.LiveRead;
import io.caimei.ranking.repository.LiveBoardRepository.Placement;
import io.caimei.ranking.repository.LiveBoardRepository.Ranked;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** Places scores on boards and answers board queries: open periods from Redis, closed ones from PostgreSQL (then memory). */
@ApplicationScoped
public class RankingService {

    private static final Logger LOG = Logger.getLogger(RankingService.class);

    private final LiveBoardRepository live;
    private final FrozenRepository frozen;
    private final CatalogService catalog;
    private final Boards boards;
    private final MovementFacts facts;
    private final ClosedPages closedPages;
    private volatile boolean refreshFailing;
    private final Map<String, Set<String>> frozenByBoard = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    public RankingService(LiveBoardRepository live, FrozenRepository frozen, CatalogService catalog, Boards boards,
            MovementFacts facts, ClosedPages closedPages) {
        this.closedPages = closedPages;
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
                if (!frozenIn(b.id(), u.period())) {
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
        return frozenIn(board, period);
    }

    private boolean frozenIn(String board, String period) {
        Set<String> periods = frozenByBoard.get(board);
        return periods != null && periods.contains(period);
    }

    /** Learns periods frozen by other replicas, so neither the write nor the read path asks PostgreSQL. */
    @Scheduled(every = "5s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshFrozenOnSchedule() {
        try {
            refreshFrozen();
            refreshFailing = false;
        } catch (StoreUnavailableException e) {
            if (!refreshFailing) {
                LOG.warnf("cannot learn frozen periods: %s is away; trying every 5 s", e.store());
            }
            refreshFailing = true;
        }
    }

    private void refreshFrozen() {
        frozen.frozenBoardPeriods().forEach(bp -> markFrozen(bp.board(), bp.period()));
        loaded = true;
    }

    void onStart(@Observes @Priority(3000) StartupEvent ev) {
        refreshFrozen();
    }

    public void markFrozen(String board, String period) {
        frozenByBoard.computeIfAbsent(board, b -> ConcurrentHashMap.newKeySet()).add(period);
    }

    /**
     * A page of a board; ranks are competition style and stay right across page boundaries. An open period is
     * answered on the calling (event-loop) thread from one Redis read; PostgreSQL work — a closed page not yet in
     * memory, movement facts not yet computed — runs on a worker thread.
     */
    public Uni<BoardPage> page(Board board, Period period, int offset, int limit) {
        if (!loaded) {
            // before the first refresh (only right after start): learn the frozen periods on a worker thread
            return blocking(() -> {
                refreshFrozen();
                return true;
            }).flatMap(ignored -> page(board, period, offset, limit));
        }
        if (isFrozen(board.id(), period.id())) {
            return closedPage(board, period, offset, limit);
        }
        return live.page(board.id(), period.id(), offset, limit, board.topContributors())
                .flatMap(read -> openPage(board, period, read, offset, limit));
    }

    /** The page around one entity (± n), or empty when it is not ranked in the period. */
    public Uni<Optional<BoardPage>> around(Board board, Period period, String entityId, int n) {
        if (!loaded || isFrozen(board.id(), period.id())) {
            return blocking(() -> frozen.entry(board.id(), period.id(), entityId).map(FrozenRow::position).orElse(-1))
                    .flatMap(position -> {
                        if (!isFrozen(board.id(), period.id())) {
                            return aroundOpen(board, period, entityId, n);
                        }
                        if (position < 0) {
                            return Uni.createFrom().item(Optional.<BoardPage>empty());
                        }
                        int from = Math.max(0, position - n);
                        return closedPage(board, period, from, position - from + n + 1).map(Optional::of);
                    });
        }
        return aroundOpen(board, period, entityId, n);
    }

    private Uni<Optional<BoardPage>> aroundOpen(Board board, Period period, String entityId, int n) {
        return live.around(board.id(), period.id(), entityId, n, board.topContributors()).flatMap(read -> {
            if (read.offset() < 0) {
                return Uni.createFrom().item(Optional.<BoardPage>empty());
            }
            return openPage(board, period, read, (int) read.offset(), read.entries().size()).map(Optional::of);
        });
    }

    private static <T> Uni<T> blocking(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** An open period's page from one Redis read (ranking, contributors and movement facts together). */
    private Uni<BoardPage> openPage(Board board, Period period, LiveRead read, int offset, int limit) {
        if (read.entries().isEmpty() || read.factsReady()) {
            return Uni.createFrom().item(openPageNow(board, period, read, offset, limit));
        }
        // the first read of a board-period computes its movement facts from PostgreSQL
        return blocking(() -> openPageNow(board, period, read, offset, limit));
    }

    private BoardPage openPageNow(Board board, Period period, LiveRead read, int offset, int limit) {
        List<Raw> raws = new ArrayList<>(read.entries().size());
        CompetitionRanker ranker = new CompetitionRanker();
        if (!read.entries().isEmpty()) {
            ranker.startingAt(read.firstRank(), read.entries().get(0).score());
        }
        for (int i = 0; i < read.entries().size(); i++) {
            Ranked e = read.entries().get(i);
            long rank = ranker.next(offset + i + 1L, e.score());
            Contributor top = board.topContributors() ? Contributor.parse(read.contributors().get(i)) : null;
            raws.add(new Raw((int) rank, e.entityId(), e.score(), top == null ? null : top.contentId(),
                    top == null ? null : top.orders()));
        }
        List<String> ids = raws.stream().map(Raw::entityId).toList();
        List<MovementFacts.Facts> known = raws.isEmpty() ? List.of()
                : facts.of(board, period, ids, read.facts(), read.factsReady(), false);
        return new BoardPage(board.id(), board.name(), period.id(), false,
                PeriodState.of(false, read.total(), period, Instant.now()), offset, limit, read.total(),
                decorate(board, raws, known));
    }

    /** A closed period's page: from PostgreSQL once (on a worker thread), then from memory (it never changes). */
    private Uni<BoardPage> closedPage(Board board, Period period, int offset, int limit) {
        ClosedPages.Key key = new ClosedPages.Key(board.id(), period.id(), offset, limit, catalog.version());
        Optional<BoardPage> remembered = closedPages.get(key);
        if (remembered.isPresent()) {
            return Uni.createFrom().item(remembered.get());
        }
        return blocking(() -> {
            long total = frozen.total(board.id(), period.id()).orElse(0);
            List<Raw> raws = new ArrayList<>();
            for (FrozenRow r : frozen.page(board.id(), period.id(), offset, limit)) {
                raws.add(new Raw(r.rank(), r.entityId(), r.score(), r.topContributor(), r.topContributorOrders()));
            }
            List<String> ids = raws.stream().map(Raw::entityId).toList();
            List<MovementFacts.Facts> known = List.of();
            if (!raws.isEmpty()) {
                LiveBoardRepository.StoredFacts stored = live.facts(board.id(), period.id(), ids);
                known = facts.of(board, period, ids, stored.raw(), stored.ready(), true);
            }
            BoardPage page = new BoardPage(board.id(), board.name(), period.id(), true,
                    PeriodState.of(true, total, period, Instant.now()), offset, limit, total, decorate(board, raws, known));
            closedPages.put(key, page);
            return page;
        });
    }

    /** Periods of a board, newest first, each marked closed (frozen) or open; closed ones from memory. */
    public List<PeriodSummary> periods(Board board) {
        if (!loaded) {
            refreshFrozen();
        }
        Set<String> closedIds = frozenByBoard.getOrDefault(board.id(), Set.of());
        Set<String> all = new TreeSet<>(Comparator.reverseOrder());
        all.addAll(live.periodsOf(board.id()));
        all.addAll(closedIds);
        List<PeriodSummary> out = new ArrayList<>();
        for (String id : all) {
            Period.parse(id).ifPresent(p -> out.add(new PeriodSummary(id, p.kind().name(), closedIds.contains(id),
                    closedIds.contains(id) ? PeriodState.CLOSED : PeriodState.OPEN)));
        }
        return out;
    }

    /** One period of a board in the periods list (listed periods have ranked entities or are frozen). */
    public record PeriodSummary(String period, String granularity, boolean closed, PeriodState state) {
    }

    /** Entries with names and movement by chart convention: on the chart means within the board's shown top N. */
    private List<Entry> decorate(Board board, List<Raw> raws, List<MovementFacts.Facts> known) {
        List<Entry> out = new ArrayList<>(raws.size());
        int shown = board.shown();
        for (int i = 0; i < raws.size(); i++) {
            Raw r = raws.get(i);
            MovementFacts.Facts f = known.get(i);
            Integer prev = f.previousRank();
            // the stored facts cover frozen periods before this one; the current rank counts when on the chart
            Optional<CatalogEntity> c = catalog.find(r.entityId());
            String topName = r.topContributor() == null ? null
                    : catalog.find(r.topContributor()).map(CatalogEntity::name).orElse(r.topContributor());
            out.add(new Entry(r.rank(), r.entityId(), c.map(CatalogEntity::name).orElse(r.entityId()),
                    c.isPresent(), r.score(), prev, Movement.of(r.rank(), prev, f.onBoard(), shown),
                    Movement.peak(f.peak(), r.rank(), shown), Movement.periodsOnBoard(f.onBoard(), r.rank(), shown),
                    r.topContributor(), topName, r.topContributorOrders()));
        }
        return out;
    }

    /**
     * Walks every ranked entity of a board-period in rank order, {@code chunk} entries at a time, so a whole
     * board-period is never in memory at once. Blocking: call it on a worker thread. An open period keeps
     * changing while it is walked; each chunk is one consistent Redis read.
     */
    public void forEachChunk(Board board, Period period, int chunk, Consumer<List<Entry>> sink) {
        if (isFrozen(board.id(), period.id())) {
            for (int from = 0;; from += chunk) {
                List<Raw> raws = new ArrayList<>();
                for (FrozenRow r : frozen.page(board.id(), period.id(), from, chunk)) {
                    raws.add(new Raw(r.rank(), r.entityId(), r.score(), r.topContributor(), r.topContributorOrders()));
                }
                if (raws.isEmpty()) {
                    return;
                }
                List<String> ids = raws.stream().map(Raw::entityId).toList();
                LiveBoardRepository.StoredFacts stored = live.facts(board.id(), period.id(), ids);
                sink.accept(decorate(board, raws, facts.of(board, period, ids, stored.raw(), stored.ready(), true)));
                if (raws.size() < chunk) {
                    return;
                }
            }
        }
        for (int from = 0;; from += chunk) {
            LiveRead read = live.pageNow(board.id(), period.id(), from, chunk, board.topContributors());
            if (read.entries().isEmpty()) {
                return;
            }
            sink.accept(openPageNow(board, period, read, from, chunk).entries());
            if (read.entries().size() < chunk) {
                return;
            }
        }
    }

    /**
     * Ranked entities of a board-period whose catalog name or entity id contains {@code query} (case-insensitive),
     * in rank order: at most {@code limit} entries and the number of all matches. Walks the board-period in chunks
     * on a worker thread.
     */
    public Uni<SearchResult> search(Board board, Period period, String query, int limit, int chunk) {
        String needle = query.toLowerCase(Locale.ROOT);
        return blocking(() -> {
            List<Entry> found = new ArrayList<>();
            long[] total = { 0 };
            forEachChunk(board, period, chunk, entries -> {
                for (Entry e : entries) {
                    if (e.name().toLowerCase(Locale.ROOT).contains(needle)
                            || e.entityId().toLowerCase(Locale.ROOT).contains(needle)) {
                        total[0]++;
                        if (found.size() < limit) {
                            found.add(e);
                        }
                    }
                }
            });
            return new SearchResult(board.id(), period.id(), query, total[0], found);
        });
    }

    private record Raw(int rank, String entityId, double score, String topContributor, Long topContributorOrders) {
    }
}
