package io.caimei.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard as chart readers use it, in a real headless Chromium at desktop (1500×1250) and phone (390×844)
 * size: the period picker, state in the URL, search, own campaigns, CSV export, movement legend, the breakdown
 * tree, the bundled CJK font and the analysts' simulation view. Owns the calendar year 2006.
 * Screenshots go to {@code e2e-tests/target/screenshots/}.
 */
@ExtendWith(Stack.class)
class DashboardReaderTest {

    private static final String PREV = "2006-05-15";
    private static final String DAY = "2006-05-16";
    private static final String A = "rd-a";
    private static final String B = "rd-b";
    private static final String C = "rd-c";
    private static final String D = "rd-d";
    private static final String MINE = "rd-brand-mine";
    private static final String OTHER = "rd-brand-other";
    private static final String HEADER = "rank,entityId,name,score,movement,previousRank,peakRank,periodsOnBoard";
    private static final String FONT = "/dashboard/fonts/noto-sans-sc-chinese-simplified-400-normal.woff2";
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    @BeforeAll
    static void twoDaysOfContentTwelveSongsAndTwoBrandCampaigns() throws Exception {
        Browser.ensureInstalled();
        List<Map<String, Object>> catalog = new ArrayList<>(List.of(
                entity(A, "CONTENT", "《春江花月夜》"), entity(B, "CONTENT", "《茉莉花》"),
                entity(C, "CONTENT", "《梁祝》"), entity(D, "CONTENT", "《二泉映月》"),
                campaign(MINE, "二〇〇六品牌夏季", "adv-brand"), campaign(OTHER, "对手品牌周", "adv-other")));
        for (int i = 1; i <= 12; i++) {
            catalog.add(entity(song(i), "MUSIC", "《彩铃之歌" + i + "》"));
        }
        Api.putCatalog(catalog);
        List<Map<String, Object>> events = new ArrayList<>();
        String prev = PREV + "T20:00:00+08:00";
        String at = DAY + "T20:00:00+08:00";
        // day one: A, B, C; day two: B passes A, C stays third, D is new and strong only on the internet (E5)
        events.addAll(Api.repeat("rd-1-a", 150, "CRBT", "E1", "CONTENT", A, prev, 30));
        events.addAll(Api.repeat("rd-1-b", 100, "CRBT", "E1", "CONTENT", B, prev, 30));
        events.addAll(Api.repeat("rd-1-c", 50, "CRBT", "E1", "CONTENT", C, prev, 20));
        events.addAll(Api.repeat("rd-2-b", 200, "CRBT", "E1", "CONTENT", B, at, 40));
        events.addAll(Api.repeat("rd-2-a", 120, "CRBT", "E1", "CONTENT", A, at, 30));
        events.addAll(Api.repeat("rd-2-c", 60, "CRBT", "E1", "CONTENT", C, at, 20));
        events.addAll(Api.repeat("rd-2-d1", 10, "CRBT", "E1", "CONTENT", D, at, 5));
        events.addAll(Api.repeat("rd-2-d5", 20, "MIGU_APP", "E5", "CONTENT", D, at, 1_000_000));
        for (int i = 1; i <= 12; i++) {
            events.addAll(Api.repeat("rd-2-" + song(i), 10 * (13 - i), "CRBT", "E1", "MUSIC", song(i), at, 1000));
        }
        events.addAll(Api.repeat("rd-2-mine", 50, "CALLER_ID", "E1", "CAMPAIGN", MINE, at, 50));
        events.addAll(Api.repeat("rd-2-other", 80, "CALLER_ID", "E1", "CAMPAIGN", OTHER, at, 80));
        Api.postAll(events);
        Api.awaitBoard("content-heat", PREV, 20, r -> r.jsonPath().getInt("total") == 3, Duration.ofSeconds(60));
        Api.close(PREV, "content-heat");
        Api.awaitBoard("content-heat", DAY, 20,
                r -> r.jsonPath().getList("entries.entityId").equals(List.of(B, A, C, D)), Duration.ofSeconds(60));
        Api.awaitBoard("music-propagation", DAY, 20, r -> r.jsonPath().getInt("total") == 12, Duration.ofSeconds(60));
        Api.awaitBoard("brand-promotion", DAY, 20, r -> r.jsonPath().getInt("total") == 2, Duration.ofSeconds(60));
    }

    private static String song(int i) {
        return String.format("rd-song-%02d", i);
    }

    private static Map<String, Object> entity(String id, String type, String name) {
        return Map.of("id", id, "type", type, "name", name);
    }

    private static Map<String, Object> campaign(String id, String name, String owner) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("type", "CAMPAIGN");
        m.put("name", name);
        m.put("category", "BRAND");
        m.put("owner", owner);
        return m;
    }

    private static void signIn(Browser b, String user) {
        b.driver().get(Stack.gateway() + "/");
        b.keycloakLogin(user, user + "-dev");
        b.waiting(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(Stack.gateway() + "/")
                && !d.findElements(By.cssSelector("#entries[data-period]")).isEmpty());
    }

    private static String rows(String board, String period) {
        return "#entries[data-board='" + board + "'][data-period='" + period + "'] tr[data-entity-id]";
    }

    /** Waits until the table shows the board's period with that many rows and returns them. */
    private static List<WebElement> table(Browser b, String board, String period, int count) {
        b.waiting(Duration.ofSeconds(20))
                .until(d -> d.findElements(By.cssSelector(rows(board, period))).size() == count);
        return b.driver().findElements(By.cssSelector(rows(board, period)));
    }

    /** Opens a view by its link, as a fresh page load (the way a bookmark or a shared link is opened). */
    private static void openLink(Browser b, String hash) {
        b.driver().get("about:blank");
        b.driver().get(Stack.gateway() + "/#" + hash);
    }

    private static void typePeriod(WebDriver d, String period) {
        WebElement input = d.findElement(By.id("period-input"));
        input.clear();
        input.sendKeys(period);
        d.findElement(By.cssSelector("#period-form button")).click();
    }

    private static Object js(WebDriver d, String script, Object... args) {
        return ((JavascriptExecutor) d).executeScript(script, args);
    }

    private static String selectedPeriodText(WebDriver d) {
        return new Select(d.findElement(By.id("period-select"))).getFirstSelectedOption().getText();
    }

    /** The period the page should open on: the newest (latest end, then finest) CLOSED, or OPEN with entries. */
    private static String latestWithData(String board) {
        List<Map<String, Object>> periods = given().baseUri(Stack.gateway()).auth().oauth2(Tokens.user("analyst"))
                .get("/api/v1/boards/{b}/periods", board).then().statusCode(200).extract().jsonPath().getList("$");
        List<Map<String, Object>> sorted = new ArrayList<>(periods);
        sorted.sort(Comparator.<Map<String, Object>, LocalDate>comparing(p -> end((String) p.get("period")))
                .reversed().thenComparing(p -> start((String) p.get("period")), Comparator.reverseOrder()));
        for (Map<String, Object> p : sorted) {
            String id = (String) p.get("period");
            if ("CLOSED".equals(p.get("state"))) {
                return id;
            }
            if ("OPEN".equals(p.get("state"))
                    && Api.board("analyst", board, id, 0, 1).jsonPath().getInt("total") > 0) {
                return id;
            }
        }
        throw new AssertionError("no period with data on " + board);
    }

    private static LocalDate start(String period) {
        if (period.matches("\\d{4}")) {
            return LocalDate.of(Integer.parseInt(period), 1, 1);
        }
        if (period.matches("\\d{4}-\\d{2}")) {
            return LocalDate.parse(period + "-01");
        }
        if (period.matches("\\d{4}-W\\d{2}")) {
            return LocalDate.of(Integer.parseInt(period.substring(0, 4)), 1, 4)
                    .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(period.substring(6)))
                    .with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
        }
        return LocalDate.parse(period);
    }

    private static LocalDate end(String period) {
        LocalDate s = start(period);
        if (period.matches("\\d{4}")) {
            return s.plusYears(1);
        }
        if (period.matches("\\d{4}-\\d{2}")) {
            return s.plusMonths(1);
        }
        return period.contains("W") ? s.plusWeeks(1) : s.plusDays(1);
    }

    @Test
    void thePageOpensOnTheLatestPeriodWithDataAndThePickerFollowsTypedPeriods() throws Exception {
        try (Browser b = Browser.open()) {
            signIn(b, "analyst");
            WebDriver d = b.driver();
            String expected = latestWithData("content-heat");
            b.waiting(Duration.ofSeconds(20)).until(x -> !x.findElements(By.cssSelector(
                    "#entries[data-board='content-heat'][data-period='" + expected + "']")).isEmpty());
            assertEquals(expected, new Select(d.findElement(By.id("period-select"))).getFirstSelectedOption()
                    .getAttribute("value"));
            assertTrue(d.getCurrentUrl().contains("period=" + expected), d.getCurrentUrl());

            typePeriod(d, "2006-W20");
            table(b, "content-heat", "2006-W20", 4);
            assertEquals("WEEK", new Select(d.findElement(By.id("granularity"))).getFirstSelectedOption()
                    .getAttribute("value"));
            assertEquals("2006-W20 · 05-15 – 05-21 · 进行中 · open", selectedPeriodText(d));

            typePeriod(d, PREV);
            table(b, "content-heat", PREV, 3);
            assertEquals("DAY", new Select(d.findElement(By.id("granularity"))).getFirstSelectedOption()
                    .getAttribute("value"));
            assertEquals("2006-05-15 · 周一 Mon · 已结束 · closed", selectedPeriodText(d));

            typePeriod(d, "2006-05-10");
            b.waiting(Duration.ofSeconds(20)).until(x -> !x.findElements(By.cssSelector(
                    "#entries[data-period='2006-05-10']")).isEmpty());
            assertEquals("2006-05-10 · 周三 Wed · 无数据 · no data", selectedPeriodText(d));
            assertTrue(d.findElement(By.id("board-meta")).getText().contains("无数据 · no data"));

            typePeriod(d, DAY);
            List<WebElement> rows = table(b, "content-heat", DAY, 4);
            assertEquals(List.of("▲1", "▼1", "=", "NEW"), rows.stream()
                    .map(r -> r.findElements(By.tagName("td")).get(1).getText()).toList());
            String legend = d.findElement(By.id("movement-legend")).getText();
            for (String mark : List.of("▲n", "▼n", "=", "NEW", "RE", "首次上榜", "重新上榜")) {
                assertTrue(legend.contains(mark), "legend explains " + mark + ": " + legend);
            }
            b.screenshot("reader-desktop-picker");
        }
    }

    @Test
    void aDeepLinkOpensTheSameViewAndBackReturnsToIt() throws Exception {
        try (Browser b = Browser.open()) {
            signIn(b, "analyst");
            WebDriver d = b.driver();
            new Select(d.findElement(By.id("board"))).selectByValue("music-propagation");
            b.waiting(Duration.ofSeconds(20)).until(x -> !x.findElements(By.cssSelector(
                    "#entries[data-board='music-propagation']")).isEmpty());
            typePeriod(d, DAY);
            table(b, "music-propagation", DAY, 10);
            d.findElement(By.id("next")).click();
            table(b, "music-propagation", DAY, 2);
            d.findElement(By.cssSelector("tr[data-entity-id='" + song(11) + "'] button.entry-link")).click();
            b.waiting(Duration.ofSeconds(20))
                    .until(x -> "《彩铃之歌11》".equals(x.findElement(By.id("detail-title")).getText()));
            String link = d.getCurrentUrl();
            assertTrue(link.contains("page=2") && link.contains("entity=" + song(11)), link);

            openLink(b, link.substring(link.indexOf('#') + 1));
            table(b, "music-propagation", DAY, 2);
            b.waiting(Duration.ofSeconds(20))
                    .until(x -> "《彩铃之歌11》".equals(x.findElement(By.id("detail-title")).getText()));
            assertEquals("2 / 2", d.findElement(By.id("page-info")).getText());
            assertTrue(d.findElement(By.cssSelector("tr[data-entity-id='" + song(11) + "']"))
                    .getAttribute("class").contains("selected"));
            assertEquals("music-propagation", new Select(d.findElement(By.id("board"))).getFirstSelectedOption()
                    .getAttribute("value"));

            d.findElement(By.id("prev")).click();
            table(b, "music-propagation", DAY, 10);
            assertFalse(d.findElement(By.id("detail")).isDisplayed());
            d.navigate().back();
            table(b, "music-propagation", DAY, 2);
            b.waiting(Duration.ofSeconds(20)).until(x -> x.findElement(By.id("detail")).isDisplayed()
                    && "《彩铃之歌11》".equals(x.findElement(By.id("detail-title")).getText()));
            d.navigate().forward();
            table(b, "music-propagation", DAY, 10);
            b.screenshot("reader-desktop-deep-link");
        }
    }

    @Test
    void searchFindsAnEntryByItsChineseNameAndTheBreakdownIsALabelledTree() throws Exception {
        try (Browser b = Browser.open()) {
            signIn(b, "analyst");
            WebDriver d = b.driver();
            openLink(b, "board=content-heat&period=" + DAY);
            table(b, "content-heat", DAY, 4);
            d.findElement(By.id("search-input")).sendKeys("茉莉");
            d.findElement(By.cssSelector("#search-form button")).click();
            WebElement hit = b.waiting(Duration.ofSeconds(20)).until(x -> x.findElement(
                    By.cssSelector("#search-results li[data-entity-id='" + B + "'] button")));
            assertTrue(hit.getText().contains("《茉莉花》") && hit.getText().startsWith("#1"), hit.getText());
            assertEquals(1, d.findElements(By.cssSelector("#search-results li[data-entity-id]")).size());
            hit.click();
            b.waiting(Duration.ofSeconds(20)).until(x -> "《茉莉花》".equals(x.findElement(By.id("detail-title")).getText())
                    && x.findElements(By.cssSelector("#breakdown-legend li")).size() == 6
                    && x.findElements(By.cssSelector("#raw-rows tr")).size() == 13);
            assertTrue(d.getCurrentUrl().contains("entity=" + B), d.getCurrentUrl());

            String c1 = d.findElement(By.cssSelector("#breakdown-legend li[data-code='C1']")).getText();
            String d3 = d.findElement(By.cssSelector("#breakdown-legend li[data-code='D3']")).getText();
            assertTrue(HAN.matcher(c1).find() && c1.startsWith("C1 "), c1);
            assertTrue(HAN.matcher(d3).find() && d3.startsWith("D3 "), d3);
            // the chart is the tree C → D → E, never one axis of C, D and E side by side
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> tree = (List<Map<String, Object>>) js(d, "var o = echarts.getInstanceByDom("
                    + "document.getElementById('breakdown-chart')).getOption().series[0];"
                    + "return o.type === 'sunburst' ? o.data.map(function (c) { return { name: c.name,"
                    + " d: c.children.length, e: c.children.map(function (x) { return x.children.length; }) }; })"
                    + " : null;");
            assertNotNull(tree, "a sunburst");
            assertEquals(2, tree.size());
            assertTrue(HAN.matcher((String) tree.get(0).get("name")).find(), tree.toString());
            assertEquals(List.of(2L, 2L), tree.stream().map(t -> ((Number) t.get("d")).longValue()).toList());
            assertEquals(List.of(List.of(2L, 2L), List.of(6L, 3L)), tree.stream().map(t -> ((List<?>) t.get("e"))
                    .stream().map(n -> ((Number) n).longValue()).toList()).toList());
            Thread.sleep(400);
            b.screenshot("reader-desktop-search-breakdown");
        }
    }

    @Test
    void theCsvDownloadsStartWithTheBomAndTheHeaderRow() throws Exception {
        String name = "music-propagation-" + DAY + ".csv";
        Path pageDir = Files.createTempDirectory("caimei-csv-page-");
        String pageCsv = download(pageDir, "export-page", name);
        // each download in a fresh browser and folder: Chromium would overwrite or ask before a second one
        String allCsv = download(Files.createTempDirectory("caimei-csv-all-"), "export-all", name);

        byte[] bytes = Files.readAllBytes(pageDir.resolve(name));
        assertArrayEquals(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, Arrays.copyOf(bytes, 3));
        String[] lines = pageCsv.substring(1).split("\\r?\\n");
        assertEquals(HEADER + ",topContributor,topContributorName", lines[0]);
        assertEquals(3, lines.length, "the page's two rows: " + pageCsv);
        assertTrue(lines[1].startsWith("11," + song(11) + ",《彩铃之歌11》,"), lines[1]);
        String[] allLines = allCsv.substring(1).split("\\r?\\n");
        assertEquals(13, allLines.length, "every ranked song: " + allCsv);
        assertTrue(allLines[1].startsWith("1," + song(1) + ","), allLines[1]);
    }

    /** Signs in, opens page 2 of the music board's day and clicks one export button; returns the saved file's text. */
    private static String download(Path dir, String button, String file) throws Exception {
        try (Browser b = Browser.open()) {
            signIn(b, "analyst");
            WebDriver d = b.driver();
            ((ChromeDriver) d).executeCdpCommand("Browser.setDownloadBehavior",
                    Map.of("behavior", "allow", "downloadPath", dir.toString()));
            openLink(b, "board=music-propagation&period=" + DAY + "&page=2");
            table(b, "music-propagation", DAY, 2);
            d.findElement(By.id(button)).click();
            try {
                return awaitFile(dir.resolve(file));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; the page says: " + d.findElement(By.id("message")).getText());
            }
        }
    }

    private static String awaitFile(Path file) throws InterruptedException, java.io.IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.size(file) > 0) {
                Thread.sleep(200);
                return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no download " + file);
    }

    @Test
    void theFontIsServedWithThePageAndUsed() throws Exception {
        try (Browser b = Browser.open()) {
            signIn(b, "analyst");
            WebDriver d = b.driver();
            @SuppressWarnings("unchecked")
            Map<String, Object> served = (Map<String, Object>) ((JavascriptExecutor) d).executeAsyncScript(
                    "var done = arguments[arguments.length - 1]; fetch(arguments[0]).then(function (r) {"
                    + " return r.arrayBuffer().then(function (buf) { done({ status: r.status,"
                    + " type: r.headers.get('Content-Type'), size: buf.byteLength }); }); });", FONT);
            assertEquals(200L, ((Number) served.get("status")).longValue());
            assertEquals("font/woff2", served.get("type"));
            assertTrue(((Number) served.get("size")).longValue() > 100_000, served.toString());
            b.waiting(Duration.ofSeconds(20)).until(x -> Boolean.TRUE.equals(js(x,
                    "return document.fonts.check('16px \"Noto Sans SC\"', '彩媒指数')"
                    + " && Array.from(document.fonts).some(function (f) {"
                    + " return f.family.indexOf('Noto Sans SC') >= 0 && f.status === 'loaded'; });")));
            String family = (String) js(d, "return getComputedStyle(document.body).fontFamily;");
            assertTrue(family.startsWith("\"Noto Sans SC\""), family);
        }
    }

    @Test
    void anAdvertiserSeesItsCampaignMarkedAndCanJumpToItButNoSimulation() throws Exception {
        try (Browser b = Browser.open()) {
            signIn(b, "brand-advertiser");
            WebDriver d = b.driver();
            assertFalse(d.findElement(By.id("view-sim")).isDisplayed());
            WebElement mine = b.waiting(Duration.ofSeconds(20)).until(x -> x.findElement(
                    By.cssSelector("#my-campaigns li[data-entity-id='" + MINE + "'] button")));
            assertTrue(mine.getText().contains("二〇〇六品牌夏季"), mine.getText());
            openLink(b, "board=brand-promotion&period=" + DAY + "&view=sim");
            List<WebElement> rows = table(b, "brand-promotion", DAY, 2);
            assertFalse(d.findElement(By.id("sim-view")).isDisplayed(), "no simulation for advertisers");
            assertEquals(OTHER, rows.get(0).getAttribute("data-entity-id"));
            WebElement own = d.findElement(By.cssSelector("tr[data-entity-id='" + MINE + "']"));
            assertTrue(own.getAttribute("class").contains("mine"));
            assertTrue(own.getText().contains("我的 · mine"), own.getText());
            assertFalse(rows.get(0).getAttribute("class").contains("mine"));

            b.waiting(Duration.ofSeconds(20)).until(x -> x.findElement(
                    By.cssSelector("#my-campaigns li[data-entity-id='" + MINE + "'] button"))).click();
            b.waiting(Duration.ofSeconds(20)).until(x -> x.getCurrentUrl().contains("entity=" + MINE)
                    && x.findElement(By.id("detail")).isDisplayed()
                    && "二〇〇六品牌夏季".equals(x.findElement(By.id("detail-title")).getText()));
            Thread.sleep(300);
            b.screenshot("reader-desktop-advertiser");
        }
    }

    @Test
    void onAPhoneThePageHasNoSidewaysScrollAndNamesStayReadable() throws Exception {
        try (Browser b = Browser.open()) {
            signIn(b, "analyst");
            WebDriver d = b.driver();
            d.manage().window().setSize(new Dimension(390, 844));
            b.waiting(Duration.ofSeconds(10))
                    .until(x -> ((Number) js(x, "return window.innerWidth;")).intValue() <= 400);
            openLink(b, "board=content-heat&period=" + DAY);
            List<WebElement> rows = table(b, "content-heat", DAY, 4);
            assertNoSidewaysScroll(d);
            WebElement name = rows.get(0).findElement(By.cssSelector("button.entry-link"));
            assertEquals("《茉莉花》", name.getText());
            // one line of text: the name is not broken every few characters
            assertTrue(name.getSize().getHeight() < 30, "name height " + name.getSize());
            assertFalse(rows.get(0).findElements(By.tagName("td")).get(4).isDisplayed(), "secondary column hidden");
            b.screenshot("reader-phone-board");

            name.click();
            b.waiting(Duration.ofSeconds(20))
                    .until(x -> x.findElements(By.cssSelector("#breakdown-legend li")).size() == 6);
            Thread.sleep(400);
            assertNoSidewaysScroll(d);
            js(d, "document.getElementById('detail').scrollIntoView();");
            Thread.sleep(200);
            b.screenshot("reader-phone-breakdown");
        }
    }

    private static void assertNoSidewaysScroll(WebDriver d) {
        long scroll = ((Number) js(d, "return document.documentElement.scrollWidth;")).longValue();
        long inner = ((Number) js(d, "return window.innerWidth;")).longValue();
        assertTrue(scroll <= inner, "scrollWidth " + scroll + " > innerWidth " + inner);
    }

    @Test
    void anAnalystSimulatesChangedWeightsAndSeesTheReRankedBoardWithDeltas() throws Exception {
        try (Browser b = Browser.open()) {
            signIn(b, "analyst");
            WebDriver d = b.driver();
            openLink(b, "board=content-heat&period=" + DAY + "&view=sim");
            b.waiting(Duration.ofSeconds(20)).until(x -> x.findElement(By.id("sim-view")).isDisplayed()
                    && !x.findElements(By.id("w-C1")).isEmpty());
            assertEquals("0.5", d.findElement(By.id("w-C1")).getAttribute("value"), "the active standard profile");
            assertEquals("0.35", d.findElement(By.id("w-E5")).getAttribute("value"));
            WebElement c1 = d.findElement(By.id("w-C1"));
            c1.clear();
            c1.sendKeys("0.1");
            WebElement c2 = d.findElement(By.id("w-C2"));
            c2.clear();
            c2.sendKeys("0.9");
            d.findElement(By.id("sim-run")).click();
            b.waiting(Duration.ofSeconds(20)).until(x -> x.findElements(
                    By.cssSelector("#sim-entries[data-period='" + DAY + "'] tr[data-entity-id]")).size() == 4);
            List<WebElement> rows = d.findElements(By.cssSelector("#sim-entries tr[data-entity-id]"));
            assertEquals(D, rows.get(0).getAttribute("data-entity-id"), "the internet-strong entry rises to first");
            List<WebElement> cells = rows.get(0).findElements(By.tagName("td"));
            assertEquals("1", cells.get(0).getText());
            assertEquals("▲3", cells.get(1).getText());
            assertEquals("4", cells.get(4).getText());
            assertEquals("+3", cells.get(6).getText());
            String message = d.findElement(By.id("sim-message")).getText();
            assertTrue(message.contains("C1") && message.contains("C2") && !message.contains("E5"), message);
            b.screenshot("reader-desktop-simulation");
        }
    }
}
