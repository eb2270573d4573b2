package io.caimei.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.caimei.gateway.client.Backends;
import io.caimei.gateway.service.Caller;
import io.caimei.gateway.service.Tenancy;

/** An entity's raw indicators and factor breakdown, for internal teams and the owning advertiser. */
@Path("/api/v1/entities/{entityId}/periods/{period}/explanation")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "advertiser", "analyst", "admin" })
@RateLimited
public class EntityApi {

    private final Backends backends;
    private final Caller caller;
    private final Tenancy tenancy;

    public EntityApi(Backends backends, Caller caller, Tenancy tenancy) {
        this.backends = backends;
        this.caller = caller;
        this.tenancy = tenancy;
    }

    @GET
    @Operation(summary = "Raw indicators and every C, D and E node's contribution to S")
    public Response explanation(@PathParam("entityId") String entity, @PathParam("period") String period) {
        PathParams.entityId(entity);
        PathParams.period(period);
        tenancy.requireBreakdownAccess(entity);
        return Relay.of(backends.scoringRead(s -> s.explanation(caller.bearer(), entity, period)));
    }
}
