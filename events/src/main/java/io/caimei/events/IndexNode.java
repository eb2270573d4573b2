package io.caimei.events;

import java.util.Locale;
import java.util.Optional;

/**
 * Every node of the index tree C → D → E with its Chinese and English label and its parent: the one table clients
 * draw the tree and its legend from. Chinese names follow the 2024 report (一级 C, 二级 D, 三级 E); an E node takes
 * its Chinese name and its D parent from {@link Indicator}, its C grandparent from {@link Network}.
 */
public enum IndexNode {
    C1("通信网因子", "Telecom network", null),
    C2("互联网因子", "Internet", null),
    D1("曝光因子", "Exposure", "C1"),
    D2("互动因子", "Interaction", "C1"),
    D3("传播因子", "Propagation", "C2"),
    D4("创作因子", "Creation", "C2"),
    E1(Indicator.E1, "Exposures"),
    E2(Indicator.E2, "Exposed people"),
    E3(Indicator.E3, "Orders"),
    E4(Indicator.E4, "N# interactions"),
    E5(Indicator.E5, "Plays"),
    E6(Indicator.E6, "Likes"),
    E7(Indicator.E7, "Shares"),
    E8(Indicator.E8, "Comments"),
    E9(Indicator.E9, "Favourites"),
    E10(Indicator.E10, "Followers"),
    E11(Indicator.E11, "Works published"),
    E12(Indicator.E12, "Creation-tool interactions"),
    E13(Indicator.E13, "Paying creation-tool users");

    private final String label;
    private final String labelEn;
    private final String parent;

    IndexNode(String label, String labelEn, String parent) {
        this.label = label;
        this.labelEn = labelEn;
        this.parent = parent;
    }

    IndexNode(Indicator indicator, String labelEn) {
        this(indicator.label(), labelEn, indicator.factor());
    }

    /** The node code: C1, C2, D1..D4, E1..E13. */
    public String code() {
        return name();
    }

    /** The Chinese name, as in the report (e.g. 传播因子). */
    public String label() {
        return label;
    }

    /** The English name (e.g. Propagation). */
    public String labelEn() {
        return labelEn;
    }

    /** The parent node's code (C1 for D1, D3 for E5); null for the C nodes, whose parent is the index itself. */
    public String parent() {
        return parent;
    }

    /** The tree level: {@code C}, {@code D} or {@code E}. */
    public String level() {
        return name().substring(0, 1);
    }

    /** The node of a code, case-insensitive; empty when there is none. */
    public static Optional<IndexNode> of(String code) {
        if (code == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(code.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
