package io.caimei.demo.generate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One catalog entity as the bulk catalog endpoint takes it, plus its report rank (null when generated). */
public record CatalogEntry(String id, String type, String name, String kind, String category, String owner,
        String musicId, String accountId, List<String> campaignIds, Integer reportRank) {

    public static final String CONTENT = "CONTENT";
    public static final String MUSIC = "MUSIC";
    public static final String ACCOUNT = "ACCOUNT";
    public static final String AI_APP = "AI_APP";
    public static final String CAMPAIGN = "CAMPAIGN";

    public CatalogEntry {
        campaignIds = campaignIds == null ? null : List.copyOf(campaignIds);
    }

    /** True for the names taken from the 2024 report. */
    public boolean fromReport() {
        return reportRank != null;
    }

    /** The popularity class: type, plus kind for accounts and category for campaigns (one per board). */
    public String popularityClass() {
        return switch (type) {
            case ACCOUNT -> ACCOUNT + "/" + kind;
            case CAMPAIGN -> CAMPAIGN + "/" + category;
            default -> type;
        };
    }

    /** The JSON object posted to {@code /api/v1/catalog/entities}: no report rank, no null fields. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("type", type);
        m.put("name", name);
        putIfSet(m, "kind", kind);
        putIfSet(m, "category", category);
        putIfSet(m, "owner", owner);
        putIfSet(m, "musicId", musicId);
        putIfSet(m, "accountId", accountId);
        if (campaignIds != null) {
            m.put("campaignIds", campaignIds);
        }
        return m;
    }

    private static void putIfSet(Map<String, Object> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
