package io.caimei.scoring.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.caimei.events.Indicator;
import io.caimei.events.Network;

/** The fixed shape of the index tree and the validation of a profile's weights against it. */
public final class WeightTree {

    /** Tolerance for a sibling group's sum, per the design. */
    public static final double TOLERANCE = 1e-9;

    private static final BigDecimal TOLERANCE_DECIMAL = new BigDecimal("1e-9");

    private static final Map<String, List<String>> CHILDREN = new LinkedHashMap<>();

    static {
        CHILDREN.put("root", List.of("C1", "C2"));
        CHILDREN.put("C1", List.of("D1", "D2"));
        CHILDREN.put("C2", List.of("D3", "D4"));
        for (String d : List.of("D1", "D2", "D3", "D4")) {
            CHILDREN.put(d, new ArrayList<>());
        }
        for (Indicator i : Indicator.values()) {
            CHILDREN.get(i.factor()).add(i.name());
        }
    }

    private WeightTree() {
    }

    /** Children of a node: root → C, C → D, D → E. */
    public static List<String> children(String node) {
        return CHILDREN.getOrDefault(node, List.of());
    }

    /** The C node a D node belongs to. */
    public static String networkOf(String factor) {
        return children("C1").contains(factor) ? Network.TELECOM.node() : Network.INTERNET.node();
    }

    /** Every node code, C then D then E. */
    public static List<String> allNodes() {
        List<String> all = new ArrayList<>();
        for (String c : children("root")) {
            all.add(c);
        }
        for (String c : children("root")) {
            all.addAll(children(c));
        }
        for (String c : children("root")) {
            for (String d : children(c)) {
                all.addAll(children(d));
            }
        }
        return all;
    }

    /**
     * Every problem with the weights, each naming the offending path (e.g. {@code C2/D3: weights sum to 0.9, not 1}).
     * Empty when the weights form a valid profile. Sums are exact decimals, compared with the design's tolerance.
     */
    public static List<String> validate(Map<String, BigDecimal> weights) {
        List<String> errors = new ArrayList<>();
        List<String> nodes = allNodes();
        for (String key : weights.keySet()) {
            if (!nodes.contains(key)) {
                errors.add(Weights.printable(key) + ": unknown node (expected one of C1, C2, D1..D4, E1..E13)");
            }
        }
        for (String node : nodes) {
            BigDecimal w = weights.get(node);
            if (w == null) {
                errors.add(path(node) + ": missing weight");
            } else if (w.signum() < 0) {
                errors.add(path(node) + ": weight must be a finite non-negative number, got " + w.toPlainString());
            }
        }
        for (String parent : CHILDREN.keySet()) {
            BigDecimal sum = BigDecimal.ZERO;
            boolean complete = true;
            for (String child : children(parent)) {
                BigDecimal w = weights.get(child);
                if (w == null) {
                    complete = false;
                } else {
                    sum = sum.add(w);
                }
            }
            if (complete && sum.subtract(BigDecimal.ONE).abs().compareTo(TOLERANCE_DECIMAL) > 0) {
                errors.add((parent.equals("root") ? "root" : path(parent)) + ": children " + children(parent)
                        + " sum to " + Weights.print(sum) + ", not 1");
            }
        }
        return errors;
    }

    /** The path of a node from the root, e.g. {@code C2/D3/E5}. */
    public static String path(String node) {
        if (node.startsWith("C")) {
            return node;
        }
        if (node.startsWith("D")) {
            return networkOf(node) + "/" + node;
        }
        Indicator i = Indicator.valueOf(node);
        return i.network().node() + "/" + i.factor() + "/" + node;
    }
}
