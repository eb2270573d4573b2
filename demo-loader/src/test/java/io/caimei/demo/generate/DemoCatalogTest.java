package io.caimei.demo.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class DemoCatalogTest {

    private static final Pattern ID = Pattern.compile("[a-z0-9-]+");

    @Test
    void everyCatalogEntryIsValidForTheBulkEndpoint() {
        DemoCatalog catalog = Fixtures.catalog(2000, 2024);
        Set<String> ids = new HashSet<>();
        catalog.entries().forEach(e -> ids.add(e.id()));
        assertEquals(catalog.entries().size(), ids.size(), "ids are unique");
        for (CatalogEntry e : catalog.entries()) {
            assertTrue(ID.matcher(e.id()).matches(), e.id());
            assertTrue(e.name() != null && !e.name().isBlank() && e.name().length() <= 200, e.id());
            assertEquals(e.type().equals("ACCOUNT"), e.kind() != null, e.id());
            assertEquals(e.type().equals("CAMPAIGN"), e.category() != null, e.id());
            if (e.type().equals("CAMPAIGN")) {
                assertEquals(e.category().equals("TOURISM") ? "adv-tourism" : "adv-brand", e.owner(), e.id());
            } else {
                assertNull(e.owner(), e.id());
            }
            if (e.type().equals("CONTENT")) {
                assertTrue(ids.contains(e.musicId()), e.id() + " music " + e.musicId());
                assertTrue(ids.contains(e.accountId()), e.id() + " account " + e.accountId());
                assertTrue(ids.containsAll(e.campaignIds()), e.id());
            } else {
                assertNull(e.musicId(), e.id());
                assertNull(e.accountId(), e.id());
                assertNull(e.campaignIds(), e.id());
                assertTrue(!e.toJson().containsKey("campaignIds"));
            }
            assertTrue(!e.toJson().containsKey("reportRank"));
        }
    }

    @Test
    void theLongTailHasEveryKindOfEntityWithGeneratedIds() {
        DemoCatalog catalog = Fixtures.catalog(2000, 2024);
        long generated = catalog.entries().stream().filter(e -> !e.fromReport()).count();
        assertEquals(2000, generated);
        for (String c : List.of("CONTENT", "MUSIC", "ACCOUNT/SUBSCRIPTION", "ACCOUNT/SHICAI", "AI_APP",
                "CAMPAIGN/BRAND", "CAMPAIGN/MUSIC", "CAMPAIGN/TOURISM")) {
            assertTrue(catalog.ranked(c).stream().filter(e -> !e.fromReport()).count() > 0, c);
        }
        assertEquals(15, catalog.ranked("AI_APP").size());
        assertTrue(catalog.entries().stream().anyMatch(e -> e.id().equals("gen-content-0001")));
        long promoted = catalog.ranked("CONTENT").stream().filter(e -> !e.campaignIds().isEmpty()).count();
        assertTrue(promoted > 200 && promoted < 600, "contents promoting a campaign: " + promoted);
    }

    @Test
    void reportNamesRankFirstInReportOrderInEveryPopularityClass() {
        DemoCatalog catalog = Fixtures.catalog(2000, 2024);
        for (Map.Entry<String, List<CatalogEntry>> en : catalog.rankedClasses().entrySet()) {
            List<CatalogEntry> ranked = en.getValue();
            Zipf zipf = new Zipf(ranked.size(), Zipf.EXPONENT);
            int reportCount = (int) ranked.stream().filter(CatalogEntry::fromReport).count();
            for (int i = 0; i < reportCount; i++) {
                assertTrue(ranked.get(i).fromReport(), en.getKey() + " position " + i);
                assertEquals(i + 1, ranked.get(i).reportRank(), en.getKey() + " position " + i);
                if (i + 1 < ranked.size()) {
                    assertTrue(zipf.probability(i) > zipf.probability(i + 1));
                }
            }
        }
        assertEquals("content-001", catalog.ranked("CONTENT").get(0).id());
        assertEquals("《青花瓷》 周杰伦", catalog.ranked("MUSIC").get(0).name());
        assertEquals("camp-music-001", catalog.ranked("CAMPAIGN/MUSIC").get(0).id());
    }

    @Test
    void longTailLinksGiveReportMusicTheMostContentTrafficInReportOrder() {
        DemoCatalog catalog = Fixtures.catalog(2000, 2024);
        List<CatalogEntry> contents = catalog.ranked("CONTENT");
        Map<String, Double> traffic = new HashMap<>();
        for (int i = 0; i < contents.size(); i++) {
            traffic.merge(contents.get(i).musicId(), Zipf.weight(i + 1, Zipf.EXPONENT), Double::sum);
        }
        List<CatalogEntry> music = catalog.ranked("MUSIC");
        for (int i = 1; i < 10; i++) {
            assertTrue(traffic.get(music.get(i - 1).id()) > traffic.get(music.get(i).id()), "music rank " + i);
        }
        double generatedMax = music.stream().filter(m -> !m.fromReport())
                .mapToDouble(m -> traffic.getOrDefault(m.id(), 0.0)).max().orElseThrow();
        assertTrue(traffic.get("music-010") > generatedMax);
    }

    @Test
    void theSameSeedBuildsTheSameCatalog() {
        assertEquals(Fixtures.catalog(2000, 99).entries(), Fixtures.catalog(2000, 99).entries());
        assertTrue(!Fixtures.catalog(2000, 99).entries().equals(Fixtures.catalog(2000, 100).entries()));
    }

    @Test
    void musicNamesCarryTheirArtistLikeTheReport() {
        CatalogEntry first = Fixtures.seed().stream().filter(e -> e.id().equals("music-001")).findFirst().orElseThrow();
        assertEquals("《青花瓷》 周杰伦", first.name());
        assertNotNull(first.reportRank());
    }
}
