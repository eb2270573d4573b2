package io.caimei.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.caimei.events.CanonicalEvent;
import io.caimei.gateway.client.Backends;
import io.caimei.gateway.mapping.ApiSchemas;
import io.caimei.gateway.service.Caller;

/** Event ingestion for channel systems: passed to the ingest service byte for byte. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "ingest", "admin" })
@RateLimited
public class EventApi {

    private final Backends backends;
    private final Caller caller;

    public EventApi(Backends backends, Caller caller) {
        this.backends = backends;
        this.caller = caller;
    }

    @POST
    @Path("/events")
    @Operation(summary = "Canonical events (JSON array, one object, or NDJSON); 202 once durably in Kafka")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = CanonicalEvent.class),
            examples = @ExampleObject(name = "example", value = ApiDocs.EVENTS_EXAMPLE)))
    @APIResponse(responseCode = "202",
            description = "Accepted: the valid records are in Kafka; rejected lists the others",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiSchemas.IngestReport.class),
                    examples = @ExampleObject(name = "example", value = ApiDocs.INGEST_EXAMPLE)))
    @APIResponse(responseCode = "400",
            description = "Every record of the batch was rejected (see rejected), or the body is unreadable")
    @APIResponse(responseCode = "413", description = "Too many records, or a body over 10 MB")
    @APIResponse(responseCode = "415", description = "A Content-Type the route does not take")
    public Response canonical(
            @Parameter(description = "application/json or application/x-ndjson") @HeaderParam("Content-Type")
            String type, byte[] body) {
        return Relay.of(backends.ingest(i -> i.canonical(caller.bearer(), type, body)));
    }

    @POST
    @Path("/channels/{channel}/events")
    @Operation(summary = "A channel's native records (CDR text, 5G reports, tracking events)")
    @RequestBody(required = true, description = "The channel's native format: CDR text lines, 5G message report "
            + "JSON or tracking event JSON", content = @Content(mediaType = MediaType.WILDCARD,
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "202",
            description = "Accepted: the valid records are in Kafka; rejected lists the others",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiSchemas.IngestReport.class)))
    @APIResponse(responseCode = "400",
            description = "Every record of the batch was rejected (see rejected), or the body is unreadable")
    @APIResponse(responseCode = "413", description = "Too many records, or a body over 10 MB")
    @APIResponse(responseCode = "415", description = "A Content-Type the route does not take")
    @APIResponse(responseCode = "404", description = "No such channel")
    public Response channel(
            @Parameter(description = "The channel, e.g. vrbt, caller-id, 5g-message, migu-app") @PathParam("channel")
            String channel,
            @Parameter(description = "The native format's media type") @HeaderParam("Content-Type") String type,
            byte[] body) {
        return Relay.of(backends.ingest(i -> i.channel(caller.bearer(), type, channel, body)));
    }
}
