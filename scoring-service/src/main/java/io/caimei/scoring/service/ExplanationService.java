package io.caimei.scoring.service;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.utils.Utils;

import io.caimei.events.EntityType;
import io.caimei.scoring.mapping.AggregateId;
import io.caimei.scoring.mapping.Explanation;
import io.caimei.scoring.repository.AggregateRepository;
import io.caimei.scoring.repository.AggregateRepository.RawValues;

/** Explains one entity's index in one period from its stored aggregates. */
@ApplicationScoped
public class ExplanationService {

    private final AggregateRepository aggregates;
    private final ProfileRegistry profiles;
    private final PeriodService periods;

    public ExplanationService(AggregateRepository aggregates, ProfileRegistry profiles, PeriodService periods) {
        this.aggregates = aggregates;
        this.profiles = profiles;
        this.periods = periods;
    }

    /** Empty when nothing was ever counted for the entity in the period. */
    public Optional<Explanation> explain(String entityId, String period) {
        int partition = partitionOf(entityId);
        RawValues v = aggregates.read(partition, List.of(new AggregateId(entityId, period))).get(0);
        if (v.entityType() == null) {
            return Optional.empty();
        }
        WeightProfile profile = profiles.forType(EntityType.valueOf(v.entityType()));
        return Optional.of(IndexCalculator.explain(entityId, period, profile, v.raw()));
    }

    /** The events partition an entity's key hashes to, exactly as Kafka's default partitioner chooses. */
    public int partitionOf(String entityId) {
        return Utils.toPositive(Utils.murmur2(entityId.getBytes(StandardCharsets.UTF_8))) % periods.partitionCount();
    }
}
