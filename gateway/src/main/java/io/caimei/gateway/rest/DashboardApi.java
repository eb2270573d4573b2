package io.caimei.gateway.rest;

import java.util.ArrayList;
import java.util.List;

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
import io.caimei.gateway.mapping.RankPoint;
import io.caimei.gateway.mapping.Viewer;
import io.caimei.gateway.service.Caller;
import io.caimei.gateway.service.HistoryService;
import io.caimei.gateway.service.Tenancy;
import io.quarkus.security.Authenticated;

/**
 * The dashboard's data, for its own script only: authenticated by the dashboard session cookie (OIDC tenant
 * {@code dashboard}), calling the backends with the session's access token exactly as the public API does with
 * a bearer token, so roles and advertiser tenancy apply unchanged. The browser never sees a token.
 */
@Path("/ui/api")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@RateLimited
public class DashboardApi {

    private final Backends backends;
    private final Caller caller;
    private final Tenancy tenancy;
    private final HistoryService history;

    public DashboardApi(Backends backends, Caller caller, Tenancy tenancy, HistoryService history) {
        this.backends = backends;
        this.caller = caller;
        this.tenancy = tenancy;
        this.history = history;
    }

    @GET
    @Path("/me")
    @Operation(hidden = true)
    public Viewer me() {
        return new Viewer(caller.identity().getPrincipal().getName(), visibleRoles(caller),
                caller.advertiserId().orElse(null), caller.isInternal());
    }

    @GET
    @Path("/boards")
    @Operation(hidden = true)
    public Response boards() {
        return Relay.of(backends.rankingRead(r -> r.boards(caller.bearer())));
    }

    @GET
    @Path("/boards/{boardId}/periods")
    @Operation(hidden = true)
    public Response periods(@PathParam("boardId") String board) {
        return Relay.of(backends.rankingRead(r -> r.periods(caller.bearer(), board)));
    }

    /** A page as JSON, or with {@code Accept: text/csv} the page or ({@code all=true}) the board-period as CSV. */
    @GET
    @Path("/boards/{boardId}/periods/{period}")
    @Produces({ MediaType.APPLICATION_JSON, "text/csv", MediaType.WILDCARD })
    @Operation(hidden = true)
    public Response page(@PathParam("boardId") String board, @PathParam("period") String period,
            @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit, @QueryParam("all") Boolean all,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        PathParams.period(period);
        return Relay.of(backends.rankingRead(r -> r.page(caller.bearer(), board, period, offset, limit, all,
                accept)));
    }

    /** Raw indicators and every node's contribution; an advertiser gets 403 for anything but its own campaigns. */
    @GET
    @Path("/entities/{entityId}/periods/{period}/explanation")
    @Operation(hidden = true)
    public Response explanation(@PathParam("entityId") String entity, @PathParam("period") String period) {
        PathParams.entityId(entity);
        PathParams.period(period);
        tenancy.requireBreakdownAccess(entity);
        return Relay.of(backends.scoringRead(s -> s.explanation(caller.bearer(), entity, period)));
    }

    /** The entity's rank history on the board, oldest first (the public route's answer, same service). */
    @GET
    @Path("/boards/{boardId}/periods/{period}/entities/{entityId}/history")
    @Operation(hidden = true)
    public List<RankPoint> history(@PathParam("boardId") String board, @PathParam("period") String period,
            @PathParam("entityId") String entity, @QueryParam("periods") Integer count) {
        return history.history(board, PathParams.period(period), PathParams.entityId(entity), count);
    }

    /** Ranked entities of the board-period whose name or id contains {@code q}. */
    @GET
    @Path("/boards/{boardId}/periods/{period}/search")
    @Operation(hidden = true)
    public Response search(@PathParam("boardId") String board, @PathParam("period") String period,
            @QueryParam("q") String q, @QueryParam("limit") Integer limit) {
        PathParams.period(period);
        return Relay.of(backends.rankingRead(r -> r.search(caller.bearer(), board, period, q, limit)));
    }

    /** The signed-in advertiser's campaigns, so the page can mark them (empty for everyone else). */
    @GET
    @Path("/me/campaigns")
    @Operation(hidden = true)
    public Response campaigns() {
        return Relay.of(backends.rankingRead(r -> r.catalogMine(caller.bearer())));
    }

    /** Every weight profile version, for the simulation page's starting point. */
    @GET
    @Path("/weight-profiles")
    @RolesAllowed({ "analyst", "admin" })
    @Operation(hidden = true)
    public Response profiles() {
        return Relay.of(backends.scoringRead(s -> s.profiles(caller.bearer())));
    }

    /** A what-if ranking under partial or full candidate weights; same-origin POSTs only (BrowserSessionGuard). */
    @POST
    @Path("/boards/{boardId}/periods/{period}/simulate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "analyst", "admin" })
    @Operation(hidden = true)
    public Response simulate(@PathParam("boardId") String board, @PathParam("period") String period, byte[] body) {
        PathParams.period(period);
        return Relay.of(backends.rankingWrite(r -> r.simulate(caller.bearer(), board, period, body)));
    }

    /** The caller's platform roles (the realm's technical roles such as offline_access are left out). */
    static List<String> visibleRoles(Caller caller) {
        List<String> roles = new ArrayList<>();
        for (String role : List.of("admin", "analyst", "advertiser", "ingest")) {
            if (caller.has(role)) {
                roles.add(role);
            }
        }
        return roles;
    }
}
