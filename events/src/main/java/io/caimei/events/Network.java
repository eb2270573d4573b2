package io.caimei.events;

/** The two networks of the index (tree level C): C1 telecom, C2 internet. */
public enum Network {
    TELECOM("C1"),
    INTERNET("C2");

    private final String node;

    Network(String node) {
        this.node = node;
    }

    /** The node code of this network in the weight tree. */
    public String node() {
        return node;
    }
}
