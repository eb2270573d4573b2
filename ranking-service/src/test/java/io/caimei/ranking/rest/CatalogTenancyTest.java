package io.caimei.ranking.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.caimei.events.CampaignCategory;
import io.caimei.events.EntityType;
import io.caimei.ranking.mapping.CatalogEntity;
import io.caimei.ranking.service.CatalogService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;

/**
 * The catalog names a campaign's owner, so ranking applies advertiser tenancy itself: reached directly, an
 * advertiser reads only its own campaigns and cannot tell another's from a missing id; internal roles and ingest's
 * attribution links are unchanged.
 */
@QuarkusTest
class CatalogTenancyTest {

    @Inject
    CatalogService catalog;

    @BeforeEach
    void twoAdvertisersCampaignsAndASong() {
        catalog.save(List.of(
                new CatalogEntity("tenancy-brand", EntityType.CAMPAIGN, "Brand", null, CampaignCategory.BRAND,
                        "adv-brand", null, null, null),
                new CatalogEntity("tenancy-tourism", EntityType.CAMPAIGN, "Tourism", null, CampaignCategory.TOURISM,
                        "adv-tourism", null, null, null),
                new CatalogEntity("tenancy-song", EntityType.MUSIC, "Song", null, null, null, null, null, null)));
    }

    private static Response entity(String id) {
        return given().when().get("/v1/catalog/entities/" + id);
    }

    @Test
    @TestSecurity(user = "brand", roles = "advertiser")
    @OidcSecurity(claims = @Claim(key = "advertiser_id", value = "adv-brand"))
    void anAdvertiserReadsItsOwnCampaign() {
        entity("tenancy-brand").then().statusCode(200).body("owner", equalTo("adv-brand"))
                .body("type", equalTo("CAMPAIGN"));
    }

    @Test
    @TestSecurity(user = "brand", roles = "advertiser")
    @OidcSecurity(claims = @Claim(key = "advertiser_id", value = "adv-brand"))
    void anotherAdvertisersCampaignAMissingIdAndASongAreTheSame403() {
        Response foreign = entity("tenancy-tourism");
        Response missing = entity("tenancy-nobody-has");
        Response song = entity("tenancy-song");
        for (Response r : List.of(foreign, missing, song)) {
            r.then().statusCode(403).contentType(startsWith("application/problem+json"))
                    .body("type", equalTo("https://caimei.io/problems/not-your-campaign"));
        }
        assertEquals(foreign.body().asString(), missing.body().asString(), "nothing tells them apart");
        assertEquals(foreign.body().asString(), song.body().asString());
    }

    @Test
    @TestSecurity(user = "nobody", roles = "advertiser")
    void anAdvertiserWithoutAnAdvertiserIdReadsNoCampaign() {
        entity("tenancy-brand").then().statusCode(403)
                .body("type", equalTo("https://caimei.io/problems/not-your-campaign"));
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void analystsReadAnyEntryAndAMissingOneIsStill404() {
        entity("tenancy-tourism").then().statusCode(200).body("owner", equalTo("adv-tourism"));
        entity("tenancy-song").then().statusCode(200).body("type", equalTo("MUSIC"));
        entity("tenancy-nobody-has").then().statusCode(404)
                .body("type", equalTo("https://caimei.io/problems/not-in-catalog"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void adminsReadAnyEntry() {
        entity("tenancy-brand").then().statusCode(200).body("owner", equalTo("adv-brand"));
    }

    @Test
    @TestSecurity(user = "service-account-caimei-channels", roles = "ingest")
    void ingestKeepsReadingAttributionLinksButNoEntries() {
        given().when().get("/v1/catalog/attribution").then().statusCode(200);
        entity("tenancy-brand").then().statusCode(403);
    }
}
