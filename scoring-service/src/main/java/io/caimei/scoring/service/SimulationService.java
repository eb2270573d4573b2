package io.caimei.scoring.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.common.rest.Problem;
import io.caimei.events.Board;
import io.caimei.events.EntityType;
import io.caimei.scoring.mapping.AggregateId;
import io.caimei.scoring.mapping.SimulatedScore;
import io.caimei.scoring.mapping.WhatIf;
import io.caimei.scoring.repository.AggregateRepository;
import io.caimei.scoring.repository.AggregateRepository.RawValues;

/**
 * What-if scoring: the stored aggregates under candidate weights; reads only. A partial set of weights is completed
 * from the active version of the profile that scores the entities (the board's profile in {@code boards.tsv}).
 */
@ApplicationScoped
public class SimulationService {

    private final AggregateRepository aggregates;
    private final ExplanationService explanations;
    private final ProfileRegistry profiles;

    public SimulationService(AggregateRepository aggregates, ExplanationService explanations,
            ProfileRegistry profiles) {
        this.aggregates = aggregates;
        this.explanations = explanations;
        this.profiles = profiles;
    }

    /**
     * Scores every entity (one pipelined read per partition); entities never counted score 0. {@code given} holds
     * the caller's weights (checked one by one already); {@code board}, when named, says whose profile fills the
     * rest, else the profile of the counted entities' type does. 400 when the completed weights are no valid tree.
     */
    public WhatIf simulate(String period, Map<String, BigDecimal> given, List<String> entityIds, Board board) {
        Map<Integer, List<AggregateId>> byPartition = new HashMap<>();
        for (String id : entityIds) {
            byPartition.computeIfAbsent(explanations.partitionOf(id), k -> new ArrayList<>())
                    .add(new AggregateId(id, period));
        }
        List<RawValues> values = new ArrayList<>(entityIds.size());
        byPartition.forEach((p, ids) -> values.addAll(aggregates.read(p, ids)));

        WeightProfile base = profiles.active(board != null ? board.profile() : profileOf(values));
        Map<String, BigDecimal> weights = Weights.fill(given, base);
        List<String> errors = WeightTree.validate(weights);
        if (!errors.isEmpty()) {
            throw new Problem(400, "bad-profile", "Bad weight profile", String.join("; ", errors));
        }
        WeightProfile candidate = new WeightProfile("candidate", 0, weights);
        List<SimulatedScore> scores = new ArrayList<>(values.size());
        for (RawValues v : values) {
            scores.add(new SimulatedScore(v.entityId(), IndexCalculator.index(candidate, v.raw())));
        }
        return new WhatIf(period, base.name(), base.version(), weights, Weights.codes(given), scores);
    }

    /**
     * The profile that scores the counted entities (one per entity type, so one per board); the standard one when
     * nothing was counted, since every score is 0 then whatever the weights.
     */
    private static String profileOf(List<RawValues> values) {
        TreeSet<String> names = new TreeSet<>();
        for (RawValues v : values) {
            if (v.entityType() != null) {
                names.add(ProfileRegistry.profileName(EntityType.valueOf(v.entityType())));
            }
        }
        if (names.size() > 1) {
            throw new Problem(400, "bad-simulation", "Bad simulation", "the entities are scored by several profiles "
                    + names + ": simulate one board at a time and name it in boardId");
        }
        return names.isEmpty() ? DefaultProfiles.STANDARD : names.first();
    }
}
