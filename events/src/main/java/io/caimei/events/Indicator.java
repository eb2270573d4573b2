package io.caimei.events;

import java.util.Locale;

/** The thirteen third-level indicators with their place in the C → D → E tree. */
public enum Indicator {
    E1("曝光次数", Network.TELECOM, "D1", false),
    E2("曝光人数", Network.TELECOM, "D1", true),
    E3("订购数", Network.TELECOM, "D2", false),
    E4("N#互动数", Network.TELECOM, "D2", false),
    E5("播放数", Network.INTERNET, "D3", false),
    E6("点赞数", Network.INTERNET, "D3", false),
    E7("分享数", Network.INTERNET, "D3", false),
    E8("评论数", Network.INTERNET, "D3", false),
    E9("收藏数", Network.INTERNET, "D3", false),
    E10("粉丝数", Network.INTERNET, "D3", false),
    E11("内容发布数", Network.INTERNET, "D4", false),
    E12("创作工具交互次数", Network.INTERNET, "D4", false),
    E13("创作工具付费人数", Network.INTERNET, "D4", true);

    private final String label;
    private final Network network;
    private final String factor;
    private final boolean distinctUsers;

    Indicator(String label, Network network, String factor, boolean distinctUsers) {
        this.label = label;
        this.network = network;
        this.factor = factor;
        this.distinctUsers = distinctUsers;
    }

    public String label() {
        return label;
    }

    public Network network() {
        return network;
    }

    /** The D node (D1..D4) this indicator hangs under. */
    public String factor() {
        return factor;
    }

    /** True for E2 and E13, whose value is a HyperLogLog count of distinct users. */
    public boolean distinctUsers() {
        return distinctUsers;
    }

    /** E2 is derived from E1's users and never sent as an event of its own. */
    public boolean derived() {
        return this == E2;
    }

    /** Parses {@code E1}..{@code E13}; null when unknown. */
    public static Indicator parseOrNull(String code) {
        if (code == null) {
            return null;
        }
        try {
            return valueOf(code.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
