package io.caimei.gateway.service;

import java.io.IOException;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.caimei.common.rest.Problem;
import io.caimei.gateway.client.Backends;

/**
 * Advertiser tenancy: an advertiser sees breakdowns only of campaigns it owns. The refusal is the same
 * whether the entity exists or not, so nothing about other advertisers' campaigns can be inferred.
 */
@ApplicationScoped
public class Tenancy {

    private final Backends backends;
    private final Caller caller;
    private final ObjectMapper json;

    public Tenancy(Backends backends, Caller caller, ObjectMapper json) {
        this.backends = backends;
        this.caller = caller;
        this.json = json;
    }

    public void requireBreakdownAccess(String entityId) {
        if (caller.isInternal()) {
            return;
        }
        String advertiser = caller.advertiserId().orElseThrow(Tenancy::notYours);
        Response r = backends.rankingRead(c -> c.catalogEntity(caller.bearer(), entityId));
        try (r) {
            if (r.getStatus() != 200) {
                throw notYours();
            }
            Map<?, ?> entity = json.readValue(r.readEntity(byte[].class), Map.class);
            if (!"CAMPAIGN".equals(entity.get("type")) || !advertiser.equals(entity.get("owner"))) {
                throw notYours();
            }
        } catch (IOException e) {
            throw notYours();
        }
    }

    private static Problem notYours() {
        return new Problem(403, "not-your-campaign", "Forbidden",
                "advertisers may see breakdowns of their own campaigns only");
    }
}
