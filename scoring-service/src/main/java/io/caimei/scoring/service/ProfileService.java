package io.caimei.scoring.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.caimei.common.rest.Problem;
import io.caimei.events.EntityType;
import io.caimei.scoring.mapping.AuditEntry;
import io.caimei.scoring.mapping.EntityKey;
import io.caimei.scoring.mapping.EntityPeriod;
import io.caimei.scoring.mapping.ProfileDraft;
import io.caimei.scoring.mapping.ProfileVersion;
import io.caimei.scoring.repository.AggregateRepository;
import io.caimei.scoring.repository.DirtyRepository;
import io.caimei.scoring.repository.ProfileRepository;
import io.caimei.scoring.repository.ScoredProfileRepository;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Weight profiles: validated drafts become new versions; activating one makes it the live profile of its name
 * and re-scores every open period of the boards that use it from the stored aggregates, without replay.
 */
@ApplicationScoped
public class ProfileService {

    private static final Logger LOG = Logger.getLogger(ProfileService.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private final ProfileRepository repository;
    private final ProfileRegistry registry;
    private final AggregateRepository aggregates;
    private final PeriodService periods;
    private final ScoreService scores;
    private final ScoredProfileRepository scored;
    private final DirtyRepository dirty;

    public ProfileService(ProfileRepository repository, ProfileRegistry registry, AggregateRepository aggregates,
            PeriodService periods, ScoreService scores, ScoredProfileRepository scored, DirtyRepository dirty) {
        this.repository = repository;
        this.dirty = dirty;
        this.scored = scored;
        this.registry = registry;
        this.aggregates = aggregates;
        this.periods = periods;
        this.scores = scores;
    }

    void onStart(@Observes StartupEvent ev) {
        repository.createSchema();
        scored.createSchema();
        DefaultProfiles.all().forEach(repository::seed);
        reload();
        followBoards();
    }

    /**
     * Makes the boards' profiles ({@code boards.tsv}) the ones that score: each must exist, and a type whose boards
     * now name another profile than last time has its open periods re-scored. Returns the types re-scored.
     */
    public Set<EntityType> followBoards() {
        Set<EntityType> changed = EnumSet.noneOf(EntityType.class);
        for (EntityType type : EntityType.values()) {
            String name = ProfileRegistry.profileName(type);
            try {
                registry.active(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("the boards of " + type + " name profile '" + name
                        + "', which has no active version: create and activate it before the boards name it", e);
            }
            if (scored.switchTo(type.name(), name)) {
                changed.add(type);
            }
        }
        if (!changed.isEmpty()) {
            int published = rescore(changed);
            LOG.infof("boards now score %s with other profiles: %d open scores republished", changed, published);
        }
        return changed;
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

    public List<AuditEntry> audit(String name) {
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
        Map<String, BigDecimal> weights = Weights.parse(draft.weights());
        List<String> errors = WeightTree.validate(weights);
        if (!errors.isEmpty()) {
            throw new Problem(400, "bad-profile", "Bad weight profile", String.join("; ", errors));
        }
        return repository.createDraft(draft.name(), weights, actor, changes(draft.name(), weights));
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
        Set<EntityType> types = EnumSet.noneOf(EntityType.class);
        for (EntityType type : EntityType.values()) {
            if (ProfileRegistry.profileName(type).equals(profileName)) {
                types.add(type);
            }
        }
        return rescore(types);
    }

    private int rescore(Set<EntityType> types) {
        int published = 0;
        for (int p = 0; p < periods.partitionCount(); p++) {
            List<EntityPeriod> members = new ArrayList<>();
            for (String period : aggregates.periods(p)) {
                if (periods.isClosed(period)) {
                    continue;
                }
                for (EntityKey entity : aggregates.entities(p, period)) {
                    if (types.contains(entity.type())) {
                        members.add(entity.in(period));
                    }
                }
            }
            dirty.mark(p, members);
            published += scores.publishDirty(p);
        }
        return published;
    }

    private Map<String, Object> changes(String name, Map<String, BigDecimal> weights) {
        Map<String, Object> out = new LinkedHashMap<>();
        WeightProfile current;
        try {
            current = registry.active(name);
        } catch (IllegalArgumentException e) {
            out.put("new", true);
            return out;
        }
        for (String node : WeightTree.allNodes()) {
            BigDecimal before = current.weights().getOrDefault(node, BigDecimal.ZERO);
            BigDecimal after = weights.getOrDefault(node, BigDecimal.ZERO);
            if (before.subtract(after).abs().doubleValue() > WeightTree.TOLERANCE) {
                // decimals, so the audit prints what was entered (0.3, never 0.30000000000000004)
                out.put(node, Map.of("from", Weights.tidy(before), "to", Weights.tidy(after)));
            }
        }
        out.put("comparedTo", current.version());
        return out;
    }

    private static String safe(String s) {
        return s != null && NAME.matcher(s).matches() ? s : "?";
    }
}
