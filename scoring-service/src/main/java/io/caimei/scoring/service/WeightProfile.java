package io.caimei.scoring.service;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.caimei.events.Indicator;

/**
 * One version of a weight profile: a weight for every node of the C → D → E tree, keyed by node code
 * (C1, C2, D1..D4, E1..E13). Weights are kept as the decimals they were entered as (so 0.3 prints 0.3); the formula
 * computes in double precision from them.
 */
public final class WeightProfile {

    private final String name;
    private final int version;
    private final Map<String, BigDecimal> weights;
    // W_i per indicator, computed once: scoring asks for them on every score
    private final Map<Indicator, Double> effective = new EnumMap<>(Indicator.class);

    public WeightProfile(String name, int version, Map<String, BigDecimal> weights) {
        this.name = name;
        this.version = version;
        Map<String, BigDecimal> ordered = new LinkedHashMap<>();
        for (String node : WeightTree.allNodes()) {
            if (weights.containsKey(node)) {
                ordered.put(node, weights.get(node));
            }
        }
        weights.forEach(ordered::putIfAbsent);
        this.weights = Collections.unmodifiableMap(ordered);
        for (Indicator i : Indicator.values()) {
            if (has(i.network().node()) && has(i.factor()) && has(i.name())) {
                effective.put(i, weight(i.network().node()) * weight(i.factor()) * weight(i.name()));
            }
        }
    }

    public String name() {
        return name;
    }

    public int version() {
        return version;
    }

    /** Every node's weight, C then D then E. */
    public Map<String, BigDecimal> weights() {
        return weights;
    }

    private boolean has(String node) {
        return weights.get(node) != null;
    }

    public double weight(String node) {
        BigDecimal w = weights.get(node);
        if (w == null) {
            throw new IllegalStateException("profile " + name + " v" + version + " has no weight for " + node);
        }
        return w.doubleValue();
    }

    /** W_i = w_C · w_D · w_E. */
    public double effectiveWeight(Indicator indicator) {
        Double w = effective.get(indicator);
        if (w == null) {
            throw new IllegalStateException("profile " + name + " v" + version + " has no weight for a node above "
                    + indicator);
        }
        return w;
    }
}
