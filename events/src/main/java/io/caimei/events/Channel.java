package io.caimei.events;

import java.util.Optional;

/** The eight upstream channels and the network each belongs to. */
public enum Channel {
    CRBT(Network.TELECOM),
    CALLER_ID(Network.TELECOM),
    OUTBOUND_12530(Network.TELECOM),
    MSG_5G(Network.TELECOM),
    MIGU_APP(Network.INTERNET),
    MINI_PROGRAM(Network.INTERNET),
    CMCC_APP_SDK(Network.INTERNET),
    H5(Network.INTERNET);

    private final Network network;

    Channel(Network network) {
        this.network = network;
    }

    public Network network() {
        return network;
    }

    /** Parses a channel name case-insensitively; empty when unknown. */
    public static Optional<Channel> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (Channel c : values()) {
            if (c.name().equalsIgnoreCase(value.trim())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
