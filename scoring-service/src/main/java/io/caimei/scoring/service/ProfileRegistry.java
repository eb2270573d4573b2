package io.caimei.scoring.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.events.EntityType;

/** The active version of every weight profile and which profile scores which entity type. */
@ApplicationScoped
public class ProfileRegistry {

    private final Map<String, WeightProfile> active = new ConcurrentHashMap<>();

    public ProfileRegistry() {
        DefaultProfiles.all().forEach(p -> active.put(p.name(), p));
    }

    public WeightProfile active(String name) {
        WeightProfile p = active.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no active profile " + name);
        }
        return p;
    }

    public void activate(WeightProfile profile) {
        active.put(profile.name(), profile);
    }

    /** Boards of content, music and accounts use standard; AI apps creation; campaigns promotion. */
    public WeightProfile forType(EntityType type) {
        return active(profileName(type));
    }

    public static String profileName(EntityType type) {
        return switch (type) {
            case AI_APP -> DefaultProfiles.CREATION;
            case CAMPAIGN -> DefaultProfiles.PROMOTION;
            default -> DefaultProfiles.STANDARD;
        };
    }
}
