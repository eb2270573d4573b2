package io.caimei.scoring.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.events.BoardCatalog;
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

    /** The active version of the profile the type's boards name. */
    public WeightProfile forType(EntityType type) {
        return active(profileName(type));
    }

    /** The profile the boards of the type name ({@code boards.tsv}); a type no board ranks is scored standard. */
    public static String profileName(EntityType type) {
        return BoardCatalog.get().profileOf(type, DefaultProfiles.STANDARD);
    }
}
