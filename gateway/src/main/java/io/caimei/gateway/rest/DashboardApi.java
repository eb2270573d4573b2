package io.caimei.gateway.rest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caimei.common.rest.Problem;
import io.caimei.events.Period;
import io.caimei.gateway.client.Backends;
import io.caimei.gateway.mapping.BoardPeriod;
import io.caimei.gateway.mapping.RankPoint;
import io.caimei.gateway.mapping.RankedPage;
import io.caimei.gateway.mapping.Viewer;
import io.caimei.gateway.service.Caller;
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

    /** How many periods of one granularity the rank history looks back at most. */
    static final int MAX_HISTORY = 12;

    private final Backends backends;
    private final Caller caller;
    private final Tenancy tenancy;
    private final ObjectMapper json;

    public DashboardApi(Backends backends, Caller caller, Tenancy tenancy, ObjectMapper json) {
        this.backends = backends;
        this.caller = caller;
        this.tenancy = tenancy;
        this.json = json;
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

    @GET
    @Path("/boards/{boardId}/periods/{period}")
    @Operation(hidden = true)
    public Response page(@PathParam("boardId") String board, @PathParam("period") String period,
            @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        PathParams.period(period);
        return Relay.of(backends.rankingRead(r -> r.page(caller.bearer(), board, period, offset, limit)));
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

    /**
     * The entity's rank in the board's most recent periods of the same granularity as {@code period}, up to and
     * including it, oldest first: {@code [{period, closed, rank, score}]}, rank and score null where unranked.
     */
    @GET
    @Path("/boards/{boardId}/periods/{period}/entities/{entityId}/history")
    @Operation(hidden = true)
    public Response history(@PathParam("boardId") String board, @PathParam("period") String period,
            @PathParam("entityId") String entity, @QueryParam("periods") Integer count) {
        Period asked = PathParams.period(period);
        PathParams.entityId(entity);
        int n = count == null ? 8 : count;
        if (n < 1 || n > MAX_HISTORY) {
            throw new Problem(400, "bad-paging", "Bad paging", "periods must be between 1 and " + MAX_HISTORY);
        }
        List<BoardPeriod> periods;
        try (Response r = backends.rankingRead(c -> c.periods(caller.bearer(), board))) {
            if (r.getStatus() != 200) {
                return Relay.of(r);
            }
            periods = read(r, new TypeReference<List<BoardPeriod>>() {
            });
        }
        // newest first, so the first n are the most recent periods of the asked kind up to the asked one
        Map<Period, Boolean> chosen = new TreeMap<>(Comparator.reverseOrder());
        for (BoardPeriod listed : periods) {
            Period.parse(listed.period()).filter(p -> p.kind() == asked.kind() && p.compareTo(asked) <= 0)
                    .ifPresent(p -> chosen.put(p, listed.closed()));
        }
        chosen.putIfAbsent(asked, false);
        List<RankPoint> out = new ArrayList<>();
        for (Map.Entry<Period, Boolean> e : chosen.entrySet()) {
            if (out.size() == n) {
                break;
            }
            String id = e.getKey().id();
            RankPoint point = new RankPoint(id, e.getValue(), null, null);
            try (Response r = backends.rankingRead(c -> c.around(caller.bearer(), board, id, entity, 0))) {
                if (r.getStatus() == 200) {
                    for (RankedPage.Ranked entry : read(r, new TypeReference<RankedPage>() {
                    }).entries()) {
                        if (entity.equals(entry.entityId())) {
                            point = new RankPoint(id, e.getValue(), entry.rank(), entry.score());
                        }
                    }
                } else if (r.getStatus() != 404) {
                    return Relay.of(r);
                }
            }
            out.add(point);
        }
        Collections.reverse(out);
        return Response.ok(out, MediaType.APPLICATION_JSON_TYPE).build();
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

    private <T> T read(Response r, TypeReference<T> type) {
        try {
            return json.readValue(r.readEntity(byte[].class), type);
        } catch (IOException e) {
            throw new Problem(503, "backend-unavailable", "Service temporarily unavailable",
                    "a backend answered with an unreadable body; retry shortly").retryAfter(5);
        }
    }
}
