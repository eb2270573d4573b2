package io.caimei.demo.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An offline estimate of the year boards for {@code --dry-run}: counts the generated records with DESIGN.md's
 * indicator mapping, attribution and default weight profiles (exact distinct users instead of HyperLogLog), so
 * the demo's shape can be checked without the services.
 */
public final class BoardPreview {

    /** A board of DESIGN.md section 3: id, popularity class and profile. */
    public record BoardSpec(String id, String name, String popularityClass, String profile) {
    }

    /** One estimated row. */
    public record Row(int rank, String entityId, String name, double score) {
    }

    public static final List<BoardSpec> BOARDS = List.of(
            new BoardSpec("content-heat", "彩媒内容热度榜", CatalogEntry.CONTENT, "standard"),
            new BoardSpec("music-propagation", "彩媒音乐传播榜", CatalogEntry.MUSIC, "standard"),
            new BoardSpec("subscription-accounts", "订阅号热门榜", "ACCOUNT/SUBSCRIPTION", "standard"),
            new BoardSpec("shicai-accounts", "视彩号热门榜", "ACCOUNT/SHICAI", "standard"),
            new BoardSpec("ai-apps", "AI智创应用热度榜", CatalogEntry.AI_APP, "creation"),
            new BoardSpec("brand-promotion", "彩媒品牌宣发榜", "CAMPAIGN/BRAND", "promotion"),
            new BoardSpec("music-promotion", "彩媒音乐宣发榜", "CAMPAIGN/MUSIC", "promotion"),
            new BoardSpec("tourism-promotion", "彩媒文旅宣发榜", "CAMPAIGN/TOURISM", "promotion"));

    private static final Map<String, Integer> INDICATOR = Map.ofEntries(
            Map.entry("PLAY", 1), Map.entry("DISPLAY", 1), Map.entry("VIDEO_SHOWN", 1), Map.entry("DISPLAYED", 1),
            Map.entry("ORDER_1#", 3), Map.entry("N#", 4), Map.entry("CLICKED", 4),
            Map.entry("play", 5), Map.entry("like", 6), Map.entry("share", 7), Map.entry("comment", 8),
            Map.entry("favorite", 9), Map.entry("follow", 10), Map.entry("unfollow", 10), Map.entry("publish", 11),
            Map.entry("tool_use", 12), Map.entry("tool_pay", 13), Map.entry("order", 3), Map.entry("subscribe", 3));

    private final Map<String, CatalogEntry> byId = new HashMap<>();
    private final Map<String, long[]> counts = new HashMap<>();
    private final Map<String, IntSet> exposed = new HashMap<>();
    private final Map<String, IntSet> paying = new HashMap<>();

    public BoardPreview(DemoCatalog catalog) {
        catalog.entries().forEach(e -> byId.put(e.id(), e));
    }

    public void add(DemoEvent e) {
        int indicator = INDICATOR.get(e.action());
        int delta = "unfollow".equals(e.action()) ? -1 : 1;
        count(e.targetId(), indicator, delta, e.person());
        CatalogEntry target = byId.get(e.targetId());
        if (target != null && CatalogEntry.CONTENT.equals(target.type())) {
            if (target.musicId() != null) {
                count(target.musicId(), indicator, delta, e.person());
            }
            if (target.accountId() != null) {
                count(target.accountId(), indicator, delta, e.person());
            }
            for (String c : target.campaignIds()) {
                count(c, indicator, delta, e.person());
            }
        }
    }

    private void count(String entity, int indicator, int delta, String person) {
        counts.computeIfAbsent(entity, k -> new long[14])[indicator] += delta;
        if (indicator == 1) {
            exposed.computeIfAbsent(entity, k -> new IntSet()).add(person.hashCode());
        } else if (indicator == 13) {
            paying.computeIfAbsent(entity, k -> new IntSet()).add(person.hashCode());
        }
    }

    /** The board's top {@code limit} by estimated index, ties by id. */
    public List<Row> top(BoardSpec board, int limit) {
        double[] w = weights(board.profile());
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, long[]> en : counts.entrySet()) {
            CatalogEntry e = byId.get(en.getKey());
            if (e == null || !board.popularityClass().equals(e.popularityClass())) {
                continue;
            }
            long[] x = en.getValue().clone();
            IntSet e2 = exposed.get(en.getKey());
            IntSet e13 = paying.get(en.getKey());
            x[2] = e2 == null ? 0 : e2.size();
            x[13] = e13 == null ? 0 : e13.size();
            rows.add(new Row(0, e.id(), e.name(), index(w, x)));
        }
        rows.sort(Comparator.comparingDouble(Row::score).reversed().thenComparing(Row::entityId));
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, rows.size()); i++) {
            Row r = rows.get(i);
            out.add(new Row(i + 1, r.entityId(), r.name(), r.score()));
        }
        return out;
    }

    /** index = 10 · S², S = Σ W_i · ln(1 + max(0, x_i)) over E1..E13 (index 1..13 of both arrays). */
    static double index(double[] w, long[] x) {
        double s = 0;
        for (int i = 1; i <= 13; i++) {
            s += w[i] * Math.log1p(Math.max(0, x[i]));
        }
        return 10 * s * s;
    }

    /** The effective weight W_i = w_C · w_D · w_E of E1..E13 (index 1..13) of a default profile. */
    static double[] weights(String profile) {
        double c1;
        double d1;
        double d3;
        switch (profile) {
            case "creation" -> { c1 = 0.2; d1 = 0.6; d3 = 0.3; }
            case "promotion" -> { c1 = 0.7; d1 = 0.7; d3 = 0.8; }
            default -> { c1 = 0.5; d1 = 0.6; d3 = 0.7; }
        }
        double c2 = 1 - c1;
        double d2 = 1 - d1;
        double d4 = 1 - d3;
        double[] e = { 0, 0.5, 0.5, 0.7, 0.3, 0.35, 0.15, 0.2, 0.1, 0.1, 0.1, 0.4, 0.35, 0.25 };
        double[] w = new double[14];
        for (int i = 1; i <= 13; i++) {
            double factor = i <= 2 ? c1 * d1 : i <= 4 ? c1 * d2 : i <= 10 ? c2 * d3 : c2 * d4;
            w[i] = factor * e[i];
        }
        return w;
    }

    /** A growable open-addressing set of ints (user hashes), cheaper than boxed sets for millions of adds. */
    static final class IntSet {
        private int[] slots = new int[16];
        private boolean[] used = new boolean[16];
        private int size;

        void add(int v) {
            if (size * 2 >= slots.length) {
                grow();
            }
            int mask = slots.length - 1;
            int i = mix(v) & mask;
            while (used[i]) {
                if (slots[i] == v) {
                    return;
                }
                i = (i + 1) & mask;
            }
            used[i] = true;
            slots[i] = v;
            size++;
        }

        int size() {
            return size;
        }

        private void grow() {
            int[] oldSlots = slots;
            boolean[] oldUsed = used;
            slots = new int[oldSlots.length * 2];
            used = new boolean[oldSlots.length * 2];
            size = 0;
            for (int i = 0; i < oldSlots.length; i++) {
                if (oldUsed[i]) {
                    add(oldSlots[i]);
                }
            }
        }

        private static int mix(int v) {
            int h = v * 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }
}
