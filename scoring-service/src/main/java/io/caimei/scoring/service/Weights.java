package io.caimei.scoring.service;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.caimei.common.rest.Problem;

/**
 * Weights as decimals: a caller's weights checked one by one (every problem names its code), the gaps of a partial
 * set filled from a profile, and values printed as they were entered, never as binary-double artefacts.
 */
public final class Weights {

    /** Every decimal of up to 15 significant digits survives a trip through a double; more are binary noise. */
    private static final MathContext DOUBLE_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);
    private static final Pattern PRINTABLE_KEY = Pattern.compile("[A-Za-z0-9_-]{1,20}");

    private Weights() {
    }

    /**
     * The caller's weights as decimals: each key must be a node code and each value a non-negative JSON number
     * (numbers arrive as {@link BigDecimal} from {@code mapping/WeightsDeserializer}). A partial set is fine here;
     * the tree is checked once the gaps are filled. 400 {@code bad-profile} naming every offending code otherwise.
     */
    public static Map<String, BigDecimal> parse(Map<String, Object> given) {
        List<String> nodes = WeightTree.allNodes();
        List<String> errors = new ArrayList<>();
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : given.entrySet()) {
            String code = e.getKey();
            if (!nodes.contains(code)) {
                errors.add(printable(code) + ": unknown node (expected one of C1, C2, D1..D4, E1..E13)");
            } else if (!(e.getValue() instanceof BigDecimal w)) {
                errors.add(code + ": weight must be a number, got " + kind(e.getValue()));
            } else if (w.signum() < 0) {
                errors.add(code + ": weight must be a finite non-negative number, got " + print(w));
            } else {
                out.put(code, tidy(w));
            }
        }
        if (!errors.isEmpty() && out.keySet().containsAll(nodes)) {
            // a whole set with a bad code: name the tree's problems too, so one answer lists everything to fix
            errors.addAll(WeightTree.validate(out));
        }
        if (!errors.isEmpty()) {
            throw new Problem(400, "bad-profile", "Bad weight profile", String.join("; ", errors));
        }
        return out;
    }

    /** All 19 weights: the given ones, the rest from the profile; in tree order (C, D, E). */
    public static Map<String, BigDecimal> fill(Map<String, BigDecimal> given, WeightProfile from) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (String node : WeightTree.allNodes()) {
            BigDecimal w = given.containsKey(node) ? given.get(node) : from.weights().get(node);
            if (w != null) {
                out.put(node, w);
            }
        }
        return out;
    }

    /** The codes of a partial set, in tree order. */
    public static List<String> codes(Map<String, BigDecimal> given) {
        return WeightTree.allNodes().stream().filter(given::containsKey).toList();
    }

    /** Without trailing zeros: 0.30 and 0.3 are one weight, printed 0.3. */
    public static BigDecimal tidy(BigDecimal w) {
        return w.signum() == 0 ? BigDecimal.ZERO : w.stripTrailingZeros();
    }

    /**
     * A weight as stored by an earlier version, which wrote binary doubles (1 − 0.7 = 0.30000000000000004): a value
     * that is exactly a double's shortest form with 16 or 17 digits is that noise, rounded back to 15 digits (0.3).
     * A decimal entered with more digits than a double holds is kept as entered.
     */
    public static BigDecimal fromStore(BigDecimal w) {
        int digits = w.precision();
        if ((digits == 16 || digits == 17) && BigDecimal.valueOf(w.doubleValue()).compareTo(w) == 0) {
            return tidy(w.round(DOUBLE_DIGITS));
        }
        return tidy(w);
    }

    /** A decimal in plain notation (0.0000001, never 1E-7). */
    public static String print(BigDecimal w) {
        return tidy(w).toPlainString();
    }

    /** A caller's key as it may appear in an error: codes as typed, anything else not echoed. */
    static String printable(String key) {
        return key != null && PRINTABLE_KEY.matcher(key).matches() ? key : "(a key that is no node code)";
    }

    private static String kind(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        return v instanceof List ? "an array" : "an object";
    }
}
