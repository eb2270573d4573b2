package io.caimei.demo.generate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The demo catalog: the report's real names plus a seeded synthetic long tail, each popularity class (one per
 * board) ranked with the report's names first in report order, and the long tail's content links chosen so
 * that music, accounts and campaigns receive traffic in that same order.
 */
public final class DemoCatalog {

    public static final String ADV_BRAND = "adv-brand";
    public static final String ADV_TOURISM = "adv-tourism";

    /** The share of generated contents that promote one campaign. */
    static final double CAMPAIGN_LINK_SHARE = 0.35;

    private final List<CatalogEntry> entries;
    private final Map<String, List<CatalogEntry>> ranked;

    private DemoCatalog(List<CatalogEntry> entries, Map<String, List<CatalogEntry>> ranked) {
        this.entries = entries;
        this.ranked = ranked;
    }

    /** Every entity: the seed's first, then the long tail; linked-to entities before the contents that link them. */
    public List<CatalogEntry> entries() {
        return entries;
    }

    /** A popularity class (see {@link CatalogEntry#popularityClass()}), most popular first; empty when unknown. */
    public List<CatalogEntry> ranked(String popularityClass) {
        return ranked.getOrDefault(popularityClass, List.of());
    }

    public Map<String, List<CatalogEntry>> rankedClasses() {
        return ranked;
    }

    /** Builds the catalog from the seed entries and {@code longTail} generated entities. */
    public static DemoCatalog build(List<CatalogEntry> seed, int longTail, long seed64) {
        if (longTail < 0) {
            throw new IllegalArgumentException("the long tail cannot be negative");
        }
        NameGenerator names = new NameGenerator(seed64);
        SplittableRandom rng = new SplittableRandom(seed64 * 0x9E3779B97F4A7C15L + 17);

        int ai = Math.min(NameGenerator.AI_APPS.size(), longTail);
        int rest = longTail - ai;
        int campaigns = (int) Math.round(rest * 0.08);
        int accounts = (int) Math.round(rest * 0.20);
        int music = (int) Math.round(rest * 0.15);
        int contents = rest - campaigns - accounts - music;

        List<CatalogEntry> generated = new ArrayList<>();
        for (int i = 0; i < ai; i++) {
            generated.add(entity(id("gen-ai-app", i), CatalogEntry.AI_APP, NameGenerator.AI_APPS.get(i), null, null, null));
        }
        for (int i = 0; i < music; i++) {
            generated.add(entity(id("gen-music", i), CatalogEntry.MUSIC, names.music(), null, null, null));
        }
        int subs = (accounts + 1) / 2;
        for (int i = 0; i < subs; i++) {
            generated.add(entity(id("gen-acct-sub", i), CatalogEntry.ACCOUNT, names.subscriptionAccount(),
                    "SUBSCRIPTION", null, null));
        }
        for (int i = 0; i < accounts - subs; i++) {
            generated.add(entity(id("gen-acct-shicai", i), CatalogEntry.ACCOUNT, names.shicaiAccount(), "SHICAI",
                    null, null));
        }
        int brand = (int) Math.round(campaigns * 0.4);
        int tourism = (int) Math.round(campaigns * 0.3);
        for (int i = 0; i < brand; i++) {
            generated.add(entity(id("gen-camp-brand", i), CatalogEntry.CAMPAIGN, names.brandCampaign(), null, "BRAND",
                    ADV_BRAND));
        }
        for (int i = 0; i < tourism; i++) {
            generated.add(entity(id("gen-camp-tour", i), CatalogEntry.CAMPAIGN, names.tourismCampaign(), null,
                    "TOURISM", ADV_TOURISM));
        }
        for (int i = 0; i < campaigns - brand - tourism; i++) {
            generated.add(entity(id("gen-camp-music", i), CatalogEntry.CAMPAIGN, names.musicCampaign(), null, "MUSIC",
                    ADV_BRAND));
        }

        // rank every class: report names in report order, then the generated ones in id order
        List<CatalogEntry> nonContent = new ArrayList<>();
        seed.stream().filter(e -> !CatalogEntry.CONTENT.equals(e.type())).forEach(nonContent::add);
        nonContent.addAll(generated);
        Map<String, List<CatalogEntry>> ranked = rank(nonContent);

        List<CatalogEntry> seedContents = seed.stream().filter(e -> CatalogEntry.CONTENT.equals(e.type()))
                .sorted(byReportRank()).toList();
        List<String> contentNames = new ArrayList<>();
        for (int i = 0; i < contents; i++) {
            contentNames.add(names.content());
        }
        List<CatalogEntry> linked = link(seedContents, contentNames, ranked, rng);

        List<CatalogEntry> all = new ArrayList<>(nonContent);
        all.addAll(linked);
        Map<String, List<CatalogEntry>> allRanked = new LinkedHashMap<>(ranked);
        allRanked.put(CatalogEntry.CONTENT, List.copyOf(linked));
        return new DemoCatalog(Collections.unmodifiableList(all), Collections.unmodifiableMap(allRanked));
    }

    /**
     * Gives every generated content a MUSIC and an ACCOUNT, and some a CAMPAIGN, by largest deficit: contents in
     * popularity order go to the entity whose expected traffic is furthest below its Zipf share, so the expected
     * traffic of music, accounts and campaigns follows their rank (the seed's own links count first).
     */
    private static List<CatalogEntry> link(List<CatalogEntry> seedContents, List<String> names,
            Map<String, List<CatalogEntry>> ranked, SplittableRandom rng) {
        Deficit music = new Deficit(List.of(ranked.getOrDefault(CatalogEntry.MUSIC, List.of())));
        Deficit accounts = new Deficit(List.of(ranked.getOrDefault("ACCOUNT/SUBSCRIPTION", List.of()),
                ranked.getOrDefault("ACCOUNT/SHICAI", List.of())));
        Deficit campaigns = new Deficit(List.of(ranked.getOrDefault("CAMPAIGN/BRAND", List.of()),
                ranked.getOrDefault("CAMPAIGN/MUSIC", List.of()), ranked.getOrDefault("CAMPAIGN/TOURISM", List.of())));
        List<CatalogEntry> out = new ArrayList<>(seedContents);
        int rank = 1;
        for (CatalogEntry c : seedContents) {
            double w = Zipf.weight(rank++, Zipf.EXPONENT);
            music.credit(c.musicId(), w);
            accounts.credit(c.accountId(), w);
            c.campaignIds().forEach(id -> campaigns.credit(id, w));
        }
        for (int i = 0; i < names.size(); i++) {
            double w = Zipf.weight(rank++, Zipf.EXPONENT);
            boolean promotes = rng.nextDouble() < CAMPAIGN_LINK_SHARE;
            String m = music.assign(w);
            String a = accounts.assign(w);
            String camp = promotes ? campaigns.assign(w) : null;
            out.add(new CatalogEntry(id("gen-content", i), CatalogEntry.CONTENT, names.get(i), null, null, null, m, a,
                    camp == null ? List.of() : List.of(camp), null));
        }
        return out;
    }

    private static Map<String, List<CatalogEntry>> rank(List<CatalogEntry> entities) {
        Map<String, List<CatalogEntry>> byClass = new LinkedHashMap<>();
        for (CatalogEntry e : entities) {
            byClass.computeIfAbsent(e.popularityClass(), k -> new ArrayList<>()).add(e);
        }
        Map<String, List<CatalogEntry>> out = new LinkedHashMap<>();
        byClass.forEach((k, list) -> {
            List<CatalogEntry> sorted = new ArrayList<>(list);
            sorted.sort(byReportRank());
            out.put(k, List.copyOf(sorted));
        });
        return out;
    }

    /** Report names first by report rank, then generated ones by id. */
    static Comparator<CatalogEntry> byReportRank() {
        return Comparator.<CatalogEntry, Integer>comparing(e -> e.reportRank() == null ? Integer.MAX_VALUE : e.reportRank())
                .thenComparing(CatalogEntry::id);
    }

    private static CatalogEntry entity(String id, String type, String name, String kind, String category,
            String owner) {
        return new CatalogEntry(id, type, name, kind, category, owner, null, null, null, null);
    }

    static String id(String prefix, int i) {
        return String.format("%s-%04d", prefix, i + 1);
    }

    /** Largest-deficit assignment over one or more ranked groups, each group getting an equal share. */
    private static final class Deficit {
        private final List<String> ids = new ArrayList<>();
        private final List<Double> target = new ArrayList<>();
        private final Map<String, Integer> index = new LinkedHashMap<>();
        private final double[] current;
        private double total;

        Deficit(List<List<CatalogEntry>> groups) {
            long nonEmpty = groups.stream().filter(g -> !g.isEmpty()).count();
            for (List<CatalogEntry> g : groups) {
                if (g.isEmpty()) {
                    continue;
                }
                Zipf z = new Zipf(g.size(), Zipf.EXPONENT);
                for (int i = 0; i < g.size(); i++) {
                    index.put(g.get(i).id(), ids.size());
                    ids.add(g.get(i).id());
                    target.add(z.probability(i) / nonEmpty);
                }
            }
            current = new double[ids.size()];
        }

        void credit(String id, double w) {
            Integer i = id == null ? null : index.get(id);
            if (i != null) {
                current[i] += w;
            }
            total += w;
        }

        String assign(double w) {
            if (ids.isEmpty()) {
                return null;
            }
            double after = total + w;
            int best = 0;
            double bestGap = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < current.length; i++) {
                double gap = target.get(i) * after - current[i];
                if (gap > bestGap) {
                    bestGap = gap;
                    best = i;
                }
            }
            current[best] += w;
            total = after;
            return ids.get(best);
        }
    }
}
