package io.caimei.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.caimei.gateway.client.Backends;
import io.caimei.gateway.service.Caller;
import io.smallrye.mutiny.Uni;

/** Public board queries: boards, periods, pages and an entity's neighbourhood; reads never block a thread. */
@Path("/api/v1/boards")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "advertiser", "analyst", "admin" })
@RateLimited
public class BoardApi {

    private final Backends backends;
    private final Caller caller;

    public BoardApi(Backends backends, Caller caller) {
        this.backends = backends;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The eight boards")
    public Uni<Response> boards() {
        String bearer = caller.bearer();
        return Relay.of(backends.rankingReadAsync(r -> r.boardsAsync(bearer)), "ranking");
    }

    @GET
    @Path("/{boardId}/periods")
    @Operation(summary = "A board's periods, open or closed, newest first")
    public Uni<Response> periods(@PathParam("boardId") String board) {
        String bearer = caller.bearer();
        return Relay.of(backends.rankingReadAsync(r -> r.periodsAsync(bearer, board)), "ranking");
    }

    @GET
    @Path("/{boardId}/periods/{period}")
    @Operation(summary = "A page of a board in a period, with the total count; a closed period's page carries a "
            + "strong ETag, and If-None-Match with it answers 304")
    public Uni<Response> page(@PathParam("boardId") String board, @PathParam("period") String period,
            @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        PathParams.period(period);
        String bearer = caller.bearer();
        return Relay.of(backends.rankingReadAsync(r -> r.pageAsync(bearer, board, period, offset, limit, ifNoneMatch)),
                "ranking");
    }

    @GET
    @Path("/{boardId}/periods/{period}/entities/{entityId}")
    @Operation(summary = "One entity's entry and its neighbours (ETag and 304 as for pages)")
    public Uni<Response> around(@PathParam("boardId") String board, @PathParam("period") String period,
            @PathParam("entityId") String entity, @QueryParam("around") Integer around,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        PathParams.period(period);
        PathParams.entityId(entity);
        String bearer = caller.bearer();
        return Relay.of(backends.rankingReadAsync(r -> r.aroundAsync(bearer, board, period, entity, around,
                ifNoneMatch)), "ranking");
    }

    @POST
    @Path("/{boardId}/periods/{period}/simulate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "analyst", "admin" })
    @Operation(summary = "Rank a board's period under candidate weights {weights, limit}; nothing live changes")
    public Response simulate(@PathParam("boardId") String board, @PathParam("period") String period, byte[] body) {
        PathParams.period(period);
        return Relay.of(backends.rankingWrite(r -> r.simulate(caller.bearer(), board, period, body)));
    }
}
