package io.caimei.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class BoardCatalogTest {

    private static final String HEADER = "# id\tname\n";

    private static String row(String id, String type, String kind, String category, String profile, String shown,
            String top) {
        return String.join("\t", id, "榜", "Board", "series", type, kind, category, profile, shown, top) + "\n";
    }

    @Test
    void theBuiltInDefinitionHasTheDesignsEightBoardsInTheReportsOrder() {
        List<String> ids = BoardCatalog.get().all().stream().map(Board::id).toList();
        assertEquals(List.of("content-heat", "music-propagation", "subscription-accounts", "shicai-accounts", "ai-apps",
                "brand-promotion", "music-promotion", "tourism-promotion"), ids);
        Board music = BoardCatalog.get().byId("music-propagation").orElseThrow();
        assertEquals("彩媒音乐传播榜", music.name());
        assertEquals(10, music.shown());
        assertTrue(music.topContributors());
        assertFalse(BoardCatalog.get().byId("content-heat").orElseThrow().topContributors());
    }

    @Test
    void eachEntityTypeIsScoredWithItsBoardsProfile() {
        BoardCatalog boards = BoardCatalog.get();
        assertEquals("standard", boards.profileOf(EntityType.CONTENT, "x"));
        assertEquals("standard", boards.profileOf(EntityType.ACCOUNT, "x"));
        assertEquals("creation", boards.profileOf(EntityType.AI_APP, "x"));
        assertEquals("promotion", boards.profileOf(EntityType.CAMPAIGN, "x"));
    }

    @Test
    void aCampaignOfAnotherCategoryIsNotOnTheBrandBoard() {
        List<String> on = BoardCatalog.get().of(EntityType.CAMPAIGN, null, CampaignCategory.TOURISM).stream()
                .map(Board::id).toList();
        assertEquals(List.of("tourism-promotion"), on);
        assertEquals(List.of(), BoardCatalog.get().of(EntityType.ACCOUNT, null, null));
    }

    @Test
    void aNinthBoardAndAnotherProfileAreData() {
        BoardCatalog boards = BoardCatalog.parse(HEADER
                + row("content-heat", "CONTENT", "-", "-", "standard", "20", "no")
                + row("ai-tools", "AI_APP", "-", "-", "tools-2025", "5", "no"), "test");
        assertEquals(2, boards.all().size());
        assertEquals("tools-2025", boards.profileOf(EntityType.AI_APP, "standard"));
        assertEquals("standard", boards.profileOf(EntityType.CAMPAIGN, "standard"), "no board: the fallback");
    }

    @Test
    void twoProfilesForOneEntityTypeAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BoardCatalog.parse(
                row("a", "CAMPAIGN", "-", "BRAND", "promotion", "20", "no")
                        + row("b", "CAMPAIGN", "-", "MUSIC", "standard", "20", "no"), "test"));
        assertTrue(e.getMessage().contains("boards of CAMPAIGN name two profiles (promotion, standard)"), e.getMessage());
    }

    @Test
    void aMistakeNamesItsLine() {
        assertEquals("test line 2: shown must be a whole number from 1 to 100",
                assertThrows(IllegalArgumentException.class,
                        () -> BoardCatalog.parse(HEADER + row("a", "CONTENT", "-", "-", "standard", "0", "no"), "test"))
                        .getMessage());
        assertEquals("test line 1: expected 10 tab-separated columns, found 3",
                assertThrows(IllegalArgumentException.class, () -> BoardCatalog.parse("a\tb\tc\n", "test")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BoardCatalog.parse(row("a", "SONG", "-", "-", "standard", "5", "no"), "test")).getMessage()
                .startsWith("test line 1: "));
        assertEquals("test line 2: board id 'a' is malformed or repeated", assertThrows(IllegalArgumentException.class,
                () -> BoardCatalog.parse(row("a", "CONTENT", "-", "-", "standard", "5", "no")
                        + row("a", "MUSIC", "-", "-", "standard", "5", "no"), "test")).getMessage());
    }
}
