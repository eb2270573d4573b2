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

import io.caimei.gateway.client.Backends;
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
    public Response canonical(@HeaderParam("Content-Type") String type, byte[] body) {
        return Relay.of(backends.ingest(i -> i.canonical(caller.bearer(), type, body)));
    }

    @POST
    @Path("/channels/{channel}/events")
    @Operation(summary = "A channel's native records (CDR text, 5G reports, tracking events)")
    public Response channel(@PathParam("channel") String channel, @HeaderParam("Content-Type") String type,
            byte[] body) {
        return Relay.of(backends.ingest(i -> i.channel(caller.bearer(), type, channel, body)));
    }
}
