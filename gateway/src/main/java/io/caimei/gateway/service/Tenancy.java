package io.caimei.gateway.service;

import java.io.IOException;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.caimei.common.security.BreakdownAccess;
import io.caimei.gateway.client.BackendUnavailableException;
import io.caimei.gateway.client.Backends;

/**
 * Advertiser tenancy at the door: the shared rule ({@link BreakdownAccess}) applied to the entity as ranking's
 * catalog describes it. Ranking and scoring apply the same rule again behind the gateway.
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
        if (BreakdownAccess.seesEverything(caller.identity())) {
            return;
        }
        if (BreakdownAccess.advertiserId(caller.identity()).isEmpty()) {
            // refused before the catalog is asked: the answer cannot depend on what it holds
            throw BreakdownAccess.notYourCampaign();
        }
        Response r = backends.rankingRead(c -> c.catalogEntity(caller.bearer(), entityId));
        try (r) {
            if (r.getStatus() >= 500) {
                // an outage is a 503, never a refusal the advertiser could mistake for "not yours"
                throw new BackendUnavailableException("ranking");
            }
            if (r.getStatus() != 200) {
                // ranking refuses an advertiser another's campaign and a missing id alike (403)
                throw BreakdownAccess.notYourCampaign();
            }
            Map<?, ?> entity = json.readValue(r.readEntity(byte[].class), Map.class);
            BreakdownAccess.require(caller.identity(), text(entity.get("type")), text(entity.get("owner")));
        } catch (IOException e) {
            throw BreakdownAccess.notYourCampaign();
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
