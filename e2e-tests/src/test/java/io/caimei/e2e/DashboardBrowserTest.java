package io.caimei.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import io.restassured.path.json.JsonPath;

/**
 * The dashboard in a real headless Chromium: Keycloak's login form, a board with seeded data, an entry's factor
 * breakdown chart and rank history, logout, and an advertiser refused another advertiser's breakdown.
 * Screenshots go to {@code e2e-tests/target/screenshots/}.
 */
@ExtendWith(Stack.class)
class DashboardBrowserTest {

    private static final String DAY = "2018-03-15";
    private static final String A = "dash-a";
    private static final String B = "dash-b";
    private static final String C = "dash-c";
    private static final String X = "dash-x";
    private static final String HOSTILE_NAME = "<img src=x onerror=alert(1)>《标签》&\"quoted\"";
    private static final String BRAND = "dash-brand-campaign";
    private static final String TOURISM = "dash-tourism-campaign";
    /** E1 exposures per content and day: the ranks change from day to day, so the last day has movement. */
    private static final Map<String, Map<String, Integer>> E1 = Map.of(
            "2018-03-13", Map.of(A, 150, B, 100, C, 50, X, 25),
            "2018-03-14", Map.of(B, 200, A, 125, C, 60, X, 30),
            DAY, Map.of(A, 250, C, 225, B, 100, X, 40));

    @BeforeAll
    static void threeDaysOfAContentBoardAndTwoAdvertisersCampaigns() throws Exception {
        Browser.ensureInstalled();
        Api.putCatalog(List.of(
                content(A, "《碧水连天,烟雨漫漫》"), content(B, "《故事里的风景》"), content(C, "《夜空之星》"),
                content(X, HOSTILE_NAME),
                campaign(BRAND, "2018新春品牌季", "BRAND", "adv-brand"),
                campaign(TOURISM, "烟雨江南文旅季", "TOURISM", "adv-tourism")));
        List<Map<String, Object>> events = new ArrayList<>();
        E1.forEach((day, counts) -> counts.forEach((entity, n) -> {
            String at = day + "T20:15:00+08:00";
            events.addAll(Api.repeat("dash-" + day + "-" + entity + "-E1", n, "CRBT", "E1", "CONTENT", entity, at, 40));
            events.addAll(Api.repeat("dash-" + day + "-" + entity + "-E5", n * 3, "MIGU_APP", "E5", "CONTENT", entity,
                    at, 1_000_000));
            events.addAll(Api.repeat("dash-" + day + "-" + entity + "-E3", n / 25, "CRBT", "E3", "CONTENT", entity,
                    at, 1_000_000));
        }));
        String at = DAY + "T21:00:00+08:00";
        events.addAll(Api.repeat("dash-brand-E1", 80, "CALLER_ID", "E1", "CAMPAIGN", BRAND, at, 30));
        events.addAll(Api.repeat("dash-brand-E5", 120, "MIGU_APP", "E5", "CAMPAIGN", BRAND, at, 1_000_000));
        events.addAll(Api.repeat("dash-tourism-E1", 60, "CALLER_ID", "E1", "CAMPAIGN", TOURISM, at, 20));
        Api.postAll(events);
        for (String day : List.of("2018-03-13", "2018-03-14")) {
            Api.awaitBoard("content-heat", day, 20, r -> r.jsonPath().getInt("total") == 4, Duration.ofSeconds(60));
            Api.close(day, "content-heat");
        }
        Api.awaitBoard("content-heat", DAY, 20, r -> r.jsonPath().getInt("total") == 4
                && r.jsonPath().getList("entries.entityId").equals(List.of(A, C, B, X)), Duration.ofSeconds(60));
        Api.awaitBoard("brand-promotion", DAY, 20, r -> r.jsonPath().getInt("total") == 1, Duration.ofSeconds(60));
        Api.awaitBoard("tourism-promotion", DAY, 20, r -> r.jsonPath().getInt("total") == 1, Duration.ofSeconds(60));
    }

    private static Map<String, Object> content(String id, String name) {
        return Map.of("id", id, "type", "CONTENT", "name", name);
    }

    private static Map<String, Object> campaign(String id, String name, String category, String owner) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("type", "CAMPAIGN");
        m.put("name", name);
        m.put("category", category);
        m.put("owner", owner);
        return m;
    }

    private static String arrow(String movement) {
        String[] p = movement.split(" ");
        return switch (p[0]) {
            case "UP" -> "▲" + p[1];
            case "DOWN" -> "▼" + p[1];
            case "SAME" -> "=";
            case "NEW" -> "NEW";
            case "RE_ENTRY" -> "RE";
            default -> throw new AssertionError(movement);
        };
    }

    private static void signIn(Browser b, String user) {
        b.driver().get(Stack.gateway() + "/");
        b.keycloakLogin(user, user + "-dev");
        b.waiting(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(Stack.gateway() + "/")
                && !d.findElements(By.cssSelector("#board option")).isEmpty());
        assertEquals(user, b.driver().findElement(By.id("user")).getText());
    }

    /** Picks a board, types a period and waits until the table shows that board's period with {@code rows} entries. */
    private static List<WebElement> show(Browser b, String board, String period, int rows) {
        WebDriver d = b.driver();
        new Select(d.findElement(By.id("board"))).selectByValue(board);
        b.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#period-select[data-board='" + board + "'] option")));
        WebElement input = d.findElement(By.id("period-input"));
        input.clear();
        input.sendKeys(period);
        d.findElement(By.cssSelector("#period-form button")).click();
        b.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#period-select[data-board='" + board + "'] option[value='" + period + "']")));
        String table = "#entries[data-board='" + board + "'][data-period='" + period + "'] tr[data-entity-id]";
        b.waiting(Duration.ofSeconds(20)).until(x -> x.findElements(By.cssSelector(table)).size() == rows);
        return d.findElements(By.cssSelector(table));
    }

    private static void open(Browser b, String entity) {
        b.driver().findElement(By.cssSelector("#entries tr[data-entity-id='" + entity + "'] button.entry-link")).click();
    }

    @Test
    void anAnalystSignsInReadsTheBoardAndSeesAnEntrysFactorBreakdownChart() throws Exception {
        JsonPath api = Api.board("analyst", "content-heat", DAY, 0, 20).then().statusCode(200).extract().jsonPath();
        JsonPath explanation = Api.explanation(A, DAY);
        try (Browser b = Browser.open()) {
            signIn(b, "analyst");
            WebDriver d = b.driver();
            assertTrue(d.findElement(By.id("board")).getText().contains("彩媒内容热度榜 · "), "Chinese board names");

            List<WebElement> rows = show(b, "content-heat", DAY, 4);
            for (int i = 0; i < rows.size(); i++) {
                List<WebElement> cells = rows.get(i).findElements(By.tagName("td"));
                String at = "entries[" + i + "].";
                assertEquals(api.getString(at + "entityId"), rows.get(i).getAttribute("data-entity-id"));
                assertEquals(Integer.toString(api.getInt(at + "rank")), cells.get(0).getText());
                assertEquals(arrow(api.getString(at + "movement")), cells.get(1).getText());
                assertEquals(api.getString(at + "name"), cells.get(2).findElement(By.tagName("button")).getText());
                assertEquals(String.format(java.util.Locale.ROOT, "%.2f", api.getDouble(at + "score")),
                        cells.get(3).getText());
                assertEquals(String.valueOf(api.getInt(at + "previousRank")), cells.get(4).getText());
            }
            assertEquals(List.of("▲1", "▲1", "▼2", "="), rows.stream()
                    .map(r -> r.findElements(By.tagName("td")).get(1).getText()).toList());
            // the hostile name is shown as text, never parsed as markup
            assertEquals(HOSTILE_NAME, d.findElement(By.cssSelector("tr[data-entity-id='" + X + "'] button")).getText());
            assertTrue(d.findElements(By.cssSelector("#entries img")).isEmpty(), "no element from a name");

            open(b, A);
            b.waiting(Duration.ofSeconds(20)).until(x -> !x.findElements(By.cssSelector("#breakdown-chart canvas"))
                    .isEmpty() && x.findElements(By.cssSelector("#raw-rows tr")).size() == 13
                    && !x.findElements(By.cssSelector("#history-chart canvas")).isEmpty());
            assertEquals("《碧水连天,烟雨漫漫》", d.findElement(By.id("detail-title")).getText());
            String e1 = d.findElement(By.cssSelector("#raw-rows tr[data-indicator='E1'] .raw-value")).getText();
            assertEquals(String.valueOf(explanation.getLong("raw.E1")), e1);
            assertEquals("250", e1);
            assertEquals(String.valueOf(explanation.getLong("raw.E5")),
                    d.findElement(By.cssSelector("#raw-rows tr[data-indicator='E5'] .raw-value")).getText());
            assertTrue(d.findElement(By.id("detail-sub")).getText().contains(
                    String.format(java.util.Locale.ROOT, "index = %.2f", explanation.getDouble("index"))));
            assertFalse(d.findElement(By.id("detail-message")).isDisplayed());
            Thread.sleep(500);
            Path shot = b.screenshot("dashboard-analyst-breakdown");
            assertTrue(Files.size(shot) > 10_000, "a real screenshot: " + shot);

            d.findElement(By.id("logout")).click();
            b.waiting(Duration.ofSeconds(20)).until(
                    ExpectedConditions.urlMatches("^" + java.util.regex.Pattern.quote(Stack.gateway()) + "/signed-out\\.html"));
            d.get(Stack.gateway() + "/");
            b.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("kc-login")));
        }
    }

    @Test
    void anAdvertiserSeesEveryBoardButIsRefusedAnotherAdvertisersBreakdown() throws Exception {
        try (Browser b = Browser.open()) {
            signIn(b, "brand-advertiser");
            WebDriver d = b.driver();
            assertTrue(d.findElement(By.cssSelector(".who")).getText().contains("adv-brand"));

            show(b, "brand-promotion", DAY, 1);
            open(b, BRAND);
            b.waiting(Duration.ofSeconds(20)).until(x -> !x.findElements(By.cssSelector("#breakdown-chart canvas"))
                    .isEmpty() && x.findElements(By.cssSelector("#raw-rows tr")).size() == 13);
            assertEquals("80", d.findElement(By.cssSelector("#raw-rows tr[data-indicator='E1'] .raw-value")).getText());

            show(b, "tourism-promotion", DAY, 1);
            assertEquals("烟雨江南文旅季", d.findElement(By.cssSelector("#entries button.entry-link")).getText());
            open(b, TOURISM);
            WebElement message = b.waiting(Duration.ofSeconds(20)).until(
                    ExpectedConditions.visibilityOfElementLocated(By.id("detail-message")));
            assertTrue(message.getText().contains("403"), message.getText());
            assertTrue(message.getText().contains("own campaigns"), message.getText());
            assertFalse(d.findElement(By.id("breakdown-block")).isDisplayed());
            assertTrue(d.findElements(By.cssSelector("#raw-rows tr")).isEmpty());
            Thread.sleep(300);
            b.screenshot("dashboard-advertiser-403");

            show(b, "content-heat", DAY, 4);
        }
    }
}
