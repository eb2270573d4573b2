package io.caimei.scoring.service;

import io.caimei.common.rest.Problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.caimei.events.EntityType;
import io.caimei.scoring.mapping.ProfileDraft;
import io.caimei.scoring.mapping.ProfileVersion;
import io.caimei.scoring.repository.AggregateRepository;
import io.caimei.scoring.repository.ProfileRepository;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Weight profiles: validated drafts become new versions; activating one makes it the live profile of its name
 * and re-scores every open period of the boards that use it from the stored aggregates, without replay.
 */
@ApplicationScoped
public class ProfileService {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private final ProfileRepository repository;
    private final ProfileRegistry registry;
    private final AggregateRepository aggregates;
    private final PeriodService periods;
    private final ScoreService scores;

    public ProfileService(ProfileRepository repository, ProfileRegistry registry, AggregateRepository aggregates,
            PeriodService periods, ScoreService scores) {
        this.repository = repository;
        this.registry = registry;
        this.aggregates = aggregates;
        this.periods = periods;
        this.scores = scores;
    }

    void onStart(@Observes StartupEvent ev) {
        repository.createSchema();
        DefaultProfiles.all().forEach(repository::seed);
        reload();
    }

    /** Other replicas' activations become visible here within seconds. */
    @Scheduled(every = "5s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reload() {
        for (ProfileVersion v : repository.active()) {
            registry.activate(new WeightProfile(v.name(), v.version(), v.weights()));
        }
    }

    public List<ProfileVersion> all() {
        return repository.all();
    }

    public List<Map<String, Object>> audit(String name) {
        return repository.audit(name);
    }

    /** Validates and stores a draft as the next version; every problem names its path in the tree. */
    public ProfileVersion create(ProfileDraft draft, String actor) {
        if (draft == null || draft.name() == null || !NAME.matcher(draft.name()).matches()) {
            throw new Problem(400, "bad-profile", "Bad weight profile",
                    "name must be 1 to 40 characters of lowercase letters, digits and '-', starting with a letter");
        }
        if (draft.weights() == null) {
            throw new Problem(400, "bad-profile", "Bad weight profile", "weights are required");
        }
        List<String> errors = WeightTree.validate(draft.weights());
        if (!errors.isEmpty()) {
            throw new Problem(400, "bad-profile", "Bad weight profile", String.join("; ", errors));
        }
        return repository.createDraft(draft.name(), draft.weights(), actor, changes(draft.name(), draft.weights()));
    }

    /** Activates a version and re-scores open periods; returns how many scores were republished. */
    public int activate(String name, int version, String actor) {
        ProfileVersion v = repository.find(name, version).orElseThrow(() -> new Problem(404, "unknown-profile",
                "Unknown profile version", "there is no version " + version + " of profile '" + safe(name) + "'"));
        if (!v.status().equals("ACTIVE")) {
            repository.activate(name, version, actor, changes(name, v.weights()));
        }
        registry.activate(new WeightProfile(name, version, v.weights()));
        return rescore(name);
    }

    /** Marks every open (entity, period) of the profile's entity types dirty and publishes their new scores. */
    public int rescore(String profileName) {
        int published = 0;
        for (int p = 0; p < periods.partitionCount(); p++) {
            List<String> members = new ArrayList<>();
            for (String period : aggregates.periods(p)) {
                if (periods.isClosed(period)) {
                    continue;
                }
                for (String typeAndId : aggregates.entitiesIn(p, period)) {
                    EntityType type = EntityType.valueOf(typeAndId.substring(0, typeAndId.indexOf('|')));
                    if (ProfileRegistry.profileName(type).equals(profileName)) {
                        members.add(typeAndId + "|" + period);
                    }
                }
            }
            aggregates.markDirty(p, members);
            published += scores.publishDirty(p);
        }
        return published;
    }

    private Map<String, Object> changes(String name, Map<String, Double> weights) {
        Map<String, Object> out = new LinkedHashMap<>();
        WeightProfile current;
        try {
            current = registry.active(name);
        } catch (IllegalArgumentException e) {
            out.put("new", true);
            return out;
        }
        for (String node : WeightTree.allNodes()) {
            double before = current.weights().getOrDefault(node, 0.0);
            double after = weights.getOrDefault(node, 0.0);
            if (Math.abs(before - after) > WeightTree.TOLERANCE) {
                out.put(node, Map.of("from", before, "to", after));
            }
        }
        out.put("comparedTo", current.version());
        return out;
    }

    private static String safe(String s) {
        return s != null && NAME.matcher(s).matches() ? s : "?";
    }
}
