package io.caimei.scoring.service;

import java.util.Map;
import java.util.TreeMap;

import io.caimei.events.Indicator;

/**
 * One version of a weight profile: a weight for every node of the C → D → E tree, keyed by node code
 * (C1, C2, D1..D4, E1..E13).
 */
public record WeightProfile(String name, int version, Map<String, Double> weights) {

    public WeightProfile {
        weights = Map.copyOf(new TreeMap<>(weights));
    }

    public double weight(String node) {
        Double w = weights.get(node);
        if (w == null) {
            throw new IllegalStateException("profile " + name + " v" + version + " has no weight for " + node);
        }
        return w;
    }

    /** W_i = w_C · w_D · w_E. */
    public double effectiveWeight(Indicator indicator) {
        return weight(indicator.network().node()) * weight(indicator.factor()) * weight(indicator.name());
    }
}
