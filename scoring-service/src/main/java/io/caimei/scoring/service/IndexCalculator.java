package io.caimei.scoring.service;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.caimei.events.IndexNode;
import io.caimei.events.Indicator;
import io.caimei.scoring.mapping.Explanation;
import io.caimei.scoring.mapping.ExplanationNode;

/** The 彩媒指数 formula: S = Σ W_i · ln(1 + max(0, x_i)), index = 10 · S². */
public final class IndexCalculator {

    private IndexCalculator() {
    }

    public static double index(WeightProfile profile, Map<Indicator, Long> raw) {
        double s = 0;
        for (Indicator i : Indicator.values()) {
            s += contribution(profile, i, raw.getOrDefault(i, 0L));
        }
        return 10 * s * s;
    }

    /** W_i · ln(1 + max(0, x_i)): negative net values (unfollows) contribute nothing. */
    public static double contribution(WeightProfile profile, Indicator i, long x) {
        return profile.effectiveWeight(i) * Math.log1p(Math.max(0, x));
    }

    /** Raw values and every node's contribution to S, so any score can be explained. */
    public static Explanation explain(String entityId, String period, WeightProfile profile, Map<Indicator, Long> raw) {
        Map<String, Long> values = new LinkedHashMap<>();
        Map<String, Double> nodes = new LinkedHashMap<>();
        Map<String, ExplanationNode> labelled = new LinkedHashMap<>();
        Map<Indicator, Double> byIndicator = new EnumMap<>(Indicator.class);
        double s = 0;
        for (Indicator i : Indicator.values()) {
            long x = raw.getOrDefault(i, 0L);
            double c = contribution(profile, i, x);
            values.put(i.name(), x);
            byIndicator.put(i, c);
            s += c;
        }
        for (String node : WeightTree.allNodes()) {
            double sum = 0;
            for (Indicator i : Indicator.values()) {
                if (i.name().equals(node) || i.factor().equals(node) || i.network().node().equals(node)) {
                    sum += byIndicator.get(i);
                }
            }
            nodes.put(node, sum);
            IndexNode n = IndexNode.valueOf(node);
            labelled.put(node, new ExplanationNode(node, n.level(), n.parent(), n.label(), n.labelEn(),
                    profile.weights().get(node), sum));
        }
        return new Explanation(entityId, period, profile.name(), profile.version(), values, nodes, labelled, s,
                10 * s * s);
    }
}
