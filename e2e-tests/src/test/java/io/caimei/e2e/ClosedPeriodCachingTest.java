package io.caimei.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.response.Response;

/** Closed periods never change: through the gateway their answers carry a strong ETag, and If-None-Match gets 304. */
@ExtendWith(Stack.class)
class ClosedPeriodCachingTest {

    private static final String DAY = "2023-09-19";
    private static final String AT = DAY + "T10:00:00+08:00";

    private static Response get(String path, String ifNoneMatch) {
        var req = given().baseUri(Stack.gateway()).auth().oauth2(Tokens.user("analyst"));
        if (ifNoneMatch != null) {
            req = req.header("If-None-Match", ifNoneMatch);
        }
        return req.get(path);
    }

    @Test
    void aClosedDaysPagesAndAroundMeCarryStrongETagsAndAConditionalRequestGets304WithNoBody() throws Exception {
        List<Map<String, Object>> events = new ArrayList<>();
        events.addAll(Api.repeat("etag-a", 30, "MIGU_APP", "E5", "CONTENT", "etag-a", AT, 1_000_000));
        events.addAll(Api.repeat("etag-b", 20, "MIGU_APP", "E5", "CONTENT", "etag-b", AT, 1_000_000));
        Api.postAll(events);
        Api.awaitBoard("content-heat", DAY, 20, r -> r.jsonPath().getInt("total") == 2, Duration.ofSeconds(60));

        Response open = get("/api/v1/boards/content-heat/periods/" + DAY + "?limit=20", null);
        assertEquals(200, open.statusCode());
        assertNull(open.header("ETag"), "an open period changes with every score: no tag");
        assertEquals("no-cache", open.header("Cache-Control"));

        Api.close(DAY, "content-heat");
        String page = "/api/v1/boards/content-heat/periods/" + DAY + "?limit=20";
        Response first = get(page, null);
        assertEquals(200, first.statusCode());
        assertEquals(true, first.jsonPath().getBoolean("closed"));
        assertEquals(List.of("etag-a", "etag-b"), first.jsonPath().getList("entries.entityId"));
        String etag = first.header("ETag");
        assertTrue(etag != null && etag.matches("\"[0-9a-f]{32}\""), "a strong ETag, got " + etag);
        assertEquals("private, max-age=86400", first.header("Cache-Control"));

        Response again = get(page, etag);
        assertEquals(304, again.statusCode(), again.asString());
        assertEquals("", again.asString(), "304 has no body");
        assertEquals(etag, again.header("ETag"));
        assertEquals(first.asString(), get(page, null).asString(), "the closed page is the same every time");

        Response stale = get(page, "\"00000000000000000000000000000000\"");
        assertEquals(200, stale.statusCode(), "another tag gets the page");
        assertEquals(first.jsonPath().getList("entries"), stale.jsonPath().getList("entries"));

        Response otherPage = get("/api/v1/boards/content-heat/periods/" + DAY + "?offset=1&limit=20", null);
        assertNotEquals(etag, otherPage.header("ETag"), "each page has its own tag");
        assertEquals(304, get("/api/v1/boards/content-heat/periods/" + DAY + "?offset=1&limit=20",
                otherPage.header("ETag")).statusCode());

        String around = "/api/v1/boards/content-heat/periods/" + DAY + "/entities/etag-b?around=1";
        Response near = get(around, null);
        assertEquals(200, near.statusCode());
        assertEquals(List.of(1, 2), near.jsonPath().getList("entries.rank"));
        assertEquals(304, get(around, near.header("ETag")).statusCode());
    }
}
