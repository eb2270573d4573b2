package io.caimei.scoring.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The three seeded profiles of the design (standard, creation, promotion), version 1. */
public final class DefaultProfiles {

    public static final String STANDARD = "standard";
    public static final String CREATION = "creation";
    public static final String PROMOTION = "promotion";

    private DefaultProfiles() {
    }

    public static List<WeightProfile> all() {
        return List.of(standard(), creation(), promotion());
    }

    public static WeightProfile standard() {
        return new WeightProfile(STANDARD, 1, tree(0.5, 0.6, 0.7));
    }

    public static WeightProfile creation() {
        Map<String, Double> w = tree(0.2, 0.6, 0.3);
        return new WeightProfile(CREATION, 1, w);
    }

    public static WeightProfile promotion() {
        return new WeightProfile(PROMOTION, 1, tree(0.7, 0.7, 0.8));
    }

    /** The standard E weights under the given C1, D1 and D3 weights (their siblings take the rest). */
    private static Map<String, Double> tree(double c1, double d1, double d3) {
        Map<String, Double> w = new HashMap<>();
        w.put("C1", c1);
        w.put("C2", 1 - c1);
        w.put("D1", d1);
        w.put("D2", 1 - d1);
        w.put("D3", d3);
        w.put("D4", 1 - d3);
        w.put("E1", 0.5);
        w.put("E2", 0.5);
        w.put("E3", 0.7);
        w.put("E4", 0.3);
        w.put("E5", 0.35);
        w.put("E6", 0.15);
        w.put("E7", 0.2);
        w.put("E8", 0.1);
        w.put("E9", 0.1);
        w.put("E10", 0.1);
        w.put("E11", 0.4);
        w.put("E12", 0.35);
        w.put("E13", 0.25);
        return w;
    }
}
