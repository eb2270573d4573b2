package io.caimei.gateway.mapping;

import java.util.List;

/** Who the dashboard shows as signed in: name, platform roles, advertiser (or null), and whether internal. */
public record Viewer(String name, List<String> roles, String advertiserId, boolean internal) {
}
