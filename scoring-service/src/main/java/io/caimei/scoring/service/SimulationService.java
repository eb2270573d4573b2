package io.caimei.scoring.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.scoring.mapping.AggregateId;
import io.caimei.scoring.mapping.SimulatedScore;
import io.caimei.scoring.repository.AggregateRepository;
import io.caimei.scoring.repository.AggregateRepository.RawValues;

/** What-if scoring: the stored aggregates under candidate weights; reads only. */
@ApplicationScoped
public class SimulationService {

    private final AggregateRepository aggregates;
    private final ExplanationService explanations;

    public SimulationService(AggregateRepository aggregates, ExplanationService explanations) {
        this.aggregates = aggregates;
        this.explanations = explanations;
    }

    /** Scores every entity (one pipelined read per partition); entities never counted score 0. */
    public List<SimulatedScore> simulate(String period, WeightProfile candidate, List<String> entityIds) {
        Map<Integer, List<AggregateId>> byPartition = new HashMap<>();
        for (String id : entityIds) {
            byPartition.computeIfAbsent(explanations.partitionOf(id), k -> new ArrayList<>())
                    .add(new AggregateId(id, period));
        }
        List<SimulatedScore> out = new ArrayList<>(entityIds.size());
        byPartition.forEach((p, ids) -> {
            for (RawValues v : aggregates.read(p, ids)) {
                out.add(new SimulatedScore(v.entityId(), IndexCalculator.index(candidate, v.raw())));
            }
        });
        return out;
    }
}
