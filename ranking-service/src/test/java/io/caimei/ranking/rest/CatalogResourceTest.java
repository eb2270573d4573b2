package io.caimei.ranking.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** The catalog refuses every id ingest refuses, with a 400 problem that never echoes the id. */
@QuarkusTest
@TestSecurity(user = "admin", roles = "admin")
class CatalogResourceTest {

    private static String song(String id) {
        return "{\"id\":\"" + id + "\",\"type\":\"MUSIC\",\"name\":\"A song\"}";
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = { "13800138000", "86-138-0013-8000", "a..b" })
    void anIdIngestRefusesIsRefusedByTheCatalogWithA400Problem(String id) {
        given().contentType("application/json").body(song(id)).when().put("/v1/catalog/entities/" + id).then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://caimei.io/problems/bad-catalog-entity"))
                .body("detail", startsWith("id must"))
                .body("detail", not(containsString(id)));
    }

    @ParameterizedTest(name = "an import linking {0} is refused as a whole")
    @ValueSource(strings = { "13800138000", "x..y" })
    void anImportLinkingAnIdIngestRefusesIsRefused(String link) {
        String body = "[{\"id\":\"c-ok-1\",\"type\":\"CONTENT\",\"name\":\"A clip\",\"musicId\":\"" + link + "\"}]";
        given().contentType("application/json").body(body).when().post("/v1/catalog/entities").then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", startsWith("[0] linked id must"));
    }

    @Test
    void aValidImportAnswersHowManyWereSaved() {
        String body = "[{\"id\":\"catalog-test-song\",\"type\":\"MUSIC\",\"name\":\"A song\"}]";
        given().contentType("application/json").body(body).when().post("/v1/catalog/entities").then()
                .statusCode(200).body("saved", equalTo(1));
    }
}
