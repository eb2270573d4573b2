package io.caimei.scoring.service;

import java.math.BigDecimal;
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
        return new WeightProfile(STANDARD, 1, tree("0.5", "0.6", "0.7"));
    }

    public static WeightProfile creation() {
        return new WeightProfile(CREATION, 1, tree("0.2", "0.6", "0.3"));
    }

    public static WeightProfile promotion() {
        return new WeightProfile(PROMOTION, 1, tree("0.7", "0.7", "0.8"));
    }

    /**
     * The standard E weights under the given C1, D1 and D3 weights (their siblings take the rest, as exact decimals:
     * 1 − 0.7 is 0.3 here, where doubles would make it 0.30000000000000004).
     */
    private static Map<String, BigDecimal> tree(String c1, String d1, String d3) {
        Map<String, BigDecimal> w = new HashMap<>();
        put(w, "C1", c1);
        w.put("C2", BigDecimal.ONE.subtract(new BigDecimal(c1)));
        put(w, "D1", d1);
        w.put("D2", BigDecimal.ONE.subtract(new BigDecimal(d1)));
        put(w, "D3", d3);
        w.put("D4", BigDecimal.ONE.subtract(new BigDecimal(d3)));
        put(w, "E1", "0.5");
        put(w, "E2", "0.5");
        put(w, "E3", "0.7");
        put(w, "E4", "0.3");
        put(w, "E5", "0.35");
        put(w, "E6", "0.15");
        put(w, "E7", "0.2");
        put(w, "E8", "0.1");
        put(w, "E9", "0.1");
        put(w, "E10", "0.1");
        put(w, "E11", "0.4");
        put(w, "E12", "0.35");
        put(w, "E13", "0.25");
        return w;
    }

    private static void put(Map<String, BigDecimal> w, String node, String decimal) {
        w.put(node, new BigDecimal(decimal));
    }
}
