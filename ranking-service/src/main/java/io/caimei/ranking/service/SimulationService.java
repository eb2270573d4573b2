package io.caimei.ranking.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.events.Board;
import io.caimei.events.Period;
import io.caimei.ranking.client.ScoringGateway;
import io.caimei.ranking.mapping.CatalogEntity;
import io.caimei.ranking.mapping.Simulation;
import io.caimei.ranking.mapping.WhatIfAnswer;
import io.caimei.ranking.mapping.WhatIfScore;
import io.caimei.ranking.repository.FrozenRepository;
import io.caimei.ranking.repository.FrozenRepository.FrozenRow;
import io.caimei.ranking.repository.LiveBoardRepository;

/** Re-ranks a board's period under candidate weights without touching the live board. */
@ApplicationScoped
public class SimulationService {

    private final LiveBoardRepository live;
    private final FrozenRepository frozen;
    private final RankingService ranking;
    private final CatalogService catalog;
    private final ScoringGateway scoring;

    public SimulationService(LiveBoardRepository live, FrozenRepository frozen, RankingService ranking,
            CatalogService catalog, ScoringGateway scoring) {
        this.live = live;
        this.frozen = frozen;
        this.ranking = ranking;
        this.catalog = catalog;
        this.scoring = scoring;
    }

    /** An entity's standing today, beside which its simulated one is shown. */
    private record Current(int rank, double score) {
    }

    /**
     * Scores the board-period's ranked entities under {@code weights} (the caller's, passed to scoring unchanged)
     * and ranks them. Scoring is asked even when nothing is ranked: it checks the weights and names the ones used.
     */
    public Simulation simulate(String bearer, Board board, Period period, Map<String, Object> weights, int limit) {
        Map<String, Current> current = new LinkedHashMap<>();
        if (ranking.isFrozen(board.id(), period.id())) {
            int total = frozen.total(board.id(), period.id()).orElse(0);
            for (FrozenRow r : frozen.page(board.id(), period.id(), 0, Math.max(1, total))) {
                current.put(r.entityId(), new Current(r.rank(), r.score()));
            }
        } else {
            CompetitionRanker ranker = new CompetitionRanker();
            long position = 0;
            for (Map.Entry<String, Double> e : live.range(board.id(), period.id(), 0, -1)) {
                current.put(e.getKey(), new Current((int) ranker.next(++position, e.getValue()), e.getValue()));
            }
        }
        WhatIfAnswer answer = scoring.simulate(bearer, period.id(), board.id(), weights,
                new ArrayList<>(current.keySet()));
        Map<String, Double> simulated = new LinkedHashMap<>();
        for (WhatIfScore s : answer.scores() == null ? List.<WhatIfScore>of() : answer.scores()) {
            simulated.put(s.entityId(), s.index());
        }
        List<Map.Entry<String, Double>> order = new ArrayList<>(simulated.entrySet());
        order.sort(Comparator.<Map.Entry<String, Double>>comparingDouble(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey));
        List<Simulation.Placing> entries = new ArrayList<>();
        CompetitionRanker ranker = new CompetitionRanker();
        for (int i = 0; i < order.size() && entries.size() < limit; i++) {
            int rank = (int) ranker.next(i + 1L, order.get(i).getValue());
            double score = order.get(i).getValue();
            String id = order.get(i).getKey();
            Current now = current.get(id);
            String name = catalog.find(id).map(CatalogEntity::name).orElse(id);
            entries.add(now == null ? new Simulation.Placing(rank, id, name, score, null, null, null, "NEW")
                    : new Simulation.Placing(rank, id, name, score, now.rank(), now.score(), now.rank() - rank,
                            Movement.arrow(rank, now.rank())));
        }
        return new Simulation(board.id(), period.id(), answer.profile(), answer.profileVersion(), answer.weights(),
                answer.given(), simulated.size(), entries);
    }
}
