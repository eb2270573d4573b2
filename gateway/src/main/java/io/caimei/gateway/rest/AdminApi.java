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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.caimei.gateway.client.Backends;
import io.caimei.gateway.mapping.ApiSchemas;
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
    @APIResponse(responseCode = "200", description = "The entity",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiSchemas.CatalogEntity.class)))
    @APIResponse(responseCode = "400", description = "Bad entity id")
    @APIResponse(responseCode = "404", description = "No such entity")
    public Response entity(@Parameter(description = ApiDocs.ENTITY) @PathParam("entityId") String id) {
        PathParams.entityId(id);
        return Relay.of(backends.rankingRead(r -> r.catalogEntity(caller.bearer(), id)));
    }

    @PUT
    @Path("/catalog/entities/{entityId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Create or replace one catalog entity")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiSchemas.CatalogEntity.class)))
    @APIResponse(responseCode = "200", description = "The stored entity",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiSchemas.CatalogEntity.class)))
    @APIResponse(responseCode = "400", description = "Bad entity id or entity")
    @APIResponse(responseCode = "415", description = "The body is not application/json")
    public Response putEntity(@Parameter(description = ApiDocs.ENTITY) @PathParam("entityId") String id, byte[] body) {
        PathParams.entityId(id);
        return audit.admin("catalog-put", id,
                Relay.of(backends.rankingWrite(r -> r.putCatalogEntity(caller.bearer(), id, body))));
    }

    @POST
    @Path("/catalog/entities")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Create or replace many catalog entities (all or nothing)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = ApiSchemas.CatalogEntity.class)))
    @APIResponse(responseCode = "200", description = "How many were saved",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiSchemas.CatalogImport.class)))
    @APIResponse(responseCode = "400", description = "An entity is invalid: nothing was saved")
    @APIResponse(responseCode = "413", description = "A body over 10 MB")
    @APIResponse(responseCode = "415", description = "The body is not application/json")
    public Response postEntities(byte[] body) {
        return audit.admin("catalog-import", audit.entityIdsOf(body),
                Relay.of(backends.rankingWrite(r -> r.postCatalogEntities(caller.bearer(), body))));
    }

    @POST
    @Path("/periods/{period}/close")
    @RolesAllowed("admin")
    @Operation(summary = "Close a period now: its boards are frozen")
    @APIResponse(responseCode = "200", description = "The period is closed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiSchemas.PeriodClose.class)))
    @APIResponse(responseCode = "400", description = "Bad period")
    public Response close(@Parameter(description = ApiDocs.PERIOD) @PathParam("period") String period) {
        PathParams.period(period);
        return audit.admin("period-close", period,
                Relay.of(backends.scoringWrite(s -> s.close(caller.bearer(), period))));
    }
}
