package io.caimei.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.caimei.gateway.client.Backends;
import io.caimei.gateway.service.AuditLog;
import io.caimei.gateway.service.Caller;

/** Catalog management and closing periods. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RateLimited
public class AdminApi {

    private final Backends backends;
    private final Caller caller;
    private final AuditLog audit;

    public AdminApi(Backends backends, Caller caller, AuditLog audit) {
        this.backends = backends;
        this.caller = caller;
        this.audit = audit;
    }

    @GET
    @Path("/catalog/entities/{entityId}")
    @RolesAllowed({ "analyst", "admin" })
    @Operation(summary = "One catalog entity")
    public Response entity(@PathParam("entityId") String id) {
        PathParams.entityId(id);
        return Relay.of(backends.rankingRead(r -> r.catalogEntity(caller.bearer(), id)));
    }

    @PUT
    @Path("/catalog/entities/{entityId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Create or replace one catalog entity")
    public Response putEntity(@PathParam("entityId") String id, byte[] body) {
        PathParams.entityId(id);
        return audit.admin("catalog-put", id,
                Relay.of(backends.rankingWrite(r -> r.putCatalogEntity(caller.bearer(), id, body))));
    }

    @POST
    @Path("/catalog/entities")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Create or replace many catalog entities (all or nothing)")
    public Response postEntities(byte[] body) {
        return audit.admin("catalog-import", audit.entityIdsOf(body),
                Relay.of(backends.rankingWrite(r -> r.postCatalogEntities(caller.bearer(), body))));
    }

    @POST
    @Path("/periods/{period}/close")
    @RolesAllowed("admin")
    @Operation(summary = "Close a period now: its boards are frozen")
    public Response close(@PathParam("period") String period) {
        PathParams.period(period);
        return audit.admin("period-close", period,
                Relay.of(backends.scoringWrite(s -> s.close(caller.bearer(), period))));
    }
}
