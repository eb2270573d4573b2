package io.caimei.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

class DemoLoaderTest {

    @Test
    void dryRunTotalsEqualTheRequestedNumberOfEvents() throws Exception {
        String catalog = Files.isRegularFile(Path.of("../demo/catalog.json")) ? "../demo/catalog.json"
                : "demo/catalog.json";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Options o = Options.parse("--dry-run", "--events", "12345", "--long-tail=300", "--catalog", catalog);
        new DemoLoader(o, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("records: 12,345 in "), text);
        assertTrue(text.contains("in time order"), text);
        assertFalse(text.contains("estimated"), "boards come only from the services: " + text);
    }

    @Test
    void optionsHaveTheDocumentedDefaultsAndRejectNonsense() {
        Options o = Options.parse();
        assertEquals("http://127.0.0.1:8080", o.gateway());
        assertEquals("http://127.0.0.1:8180/realms/caimei", o.issuer());
        assertEquals(200_000, o.events());
        assertEquals(2024, o.seed());
        assertEquals(2024, o.year());
        assertEquals(500, o.batch());
        assertEquals(2000, o.longTail());
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--events", "many"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--batch", "0"));
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--frobnicate"));
    }

    @Test
    void movementIsShownWithArrows() {
        assertEquals("▲3", BoardPrinter.movement("UP 3"));
        assertEquals("▼12", BoardPrinter.movement("DOWN 12"));
        assertEquals("=", BoardPrinter.movement("SAME"));
        assertEquals("NEW", BoardPrinter.movement("NEW"));
    }

    @Test
    void tableWidthCountsChineseCharactersAsTwoColumns() {
        assertEquals(10, TextTable.width("《青花瓷》"));
        assertEquals(4, TextTable.width("ab12"));
    }

    @Test
    void theDayAwaitedAsClosedIsTheLastWhoseEndTheWatermarkMustHavePassed() {
        long lateEvening = OffsetDateTime.parse("2024-12-31T23:50:00+08:00").toInstant().toEpochMilli();
        long earlyMorning = OffsetDateTime.parse("2024-12-31T05:00:00+08:00").toInstant().toEpochMilli();
        assertEquals("2024-12-30", DemoLoader.lastClosedDay(lateEvening));
        assertEquals("2024-12-29", DemoLoader.lastClosedDay(earlyMorning));
        assertNull(DemoLoader.lastClosedDay(0));
    }
}
