package io.caimei.gateway.rest;

import io.caimei.common.rest.Problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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

import io.caimei.gateway.client.Backends;
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

    private static final Pattern PERIOD = Pattern.compile("\\d{4}(-W\\d{2}|-\\d{2}(-\\d{2})?)?");

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
    public Map<String, Object> me() {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("name", caller.identity().getPrincipal().getName());
        me.put("roles", visibleRoles(caller));
        me.put("advertiserId", caller.advertiserId().orElse(null));
        me.put("internal", caller.isInternal());
        return me;
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
        return Relay.of(backends.rankingRead(r -> r.page(caller.bearer(), board, period, offset, limit)));
    }

    /** Raw indicators and every node's contribution; an advertiser gets 403 for anything but its own campaigns. */
    @GET
    @Path("/entities/{entityId}/periods/{period}/explanation")
    @Operation(hidden = true)
    public Response explanation(@PathParam("entityId") String entity, @PathParam("period") String period) {
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
        if (!PERIOD.matcher(period).matches()) {
            throw new Problem(400, "bad-period", "Bad period",
                    "periods are written 2024-02-14, 2024-W07, 2024-02 or 2024");
        }
        int n = count == null ? 8 : count;
        if (n < 1 || n > MAX_HISTORY) {
            throw new Problem(400, "bad-paging", "Bad paging", "periods must be between 1 and " + MAX_HISTORY);
        }
        List<Map<String, Object>> periods;
        try (Response r = backends.rankingRead(c -> c.periods(caller.bearer(), board))) {
            if (r.getStatus() != 200) {
                return Relay.of(r);
            }
            periods = read(r, new TypeReference<List<Map<String, Object>>>() {
            });
        }
        String granularity = granularity(period);
        Map<String, Boolean> chosen = new java.util.TreeMap<>(Comparator.reverseOrder());
        for (Map<String, Object> p : periods) {
            String id = String.valueOf(p.get("period"));
            if (granularity.equals(granularity(id)) && id.compareTo(period) <= 0) {
                chosen.put(id, Boolean.TRUE.equals(p.get("closed")));
            }
        }
        chosen.putIfAbsent(period, false);
        List<Map<String, Object>> out = new ArrayList<>();
        for (var e : chosen.entrySet()) {
            if (out.size() == n) {
                break;
            }
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("period", e.getKey());
            point.put("closed", e.getValue());
            point.put("rank", null);
            point.put("score", null);
            try (Response r = backends.rankingRead(c -> c.around(caller.bearer(), board, e.getKey(), entity, 0))) {
                if (r.getStatus() == 200) {
                    Map<String, Object> page = read(r, new TypeReference<Map<String, Object>>() {
                    });
                    for (Object o : (List<?>) page.getOrDefault("entries", List.of())) {
                        if (o instanceof Map<?, ?> entry && entity.equals(entry.get("entityId"))) {
                            point.put("rank", entry.get("rank"));
                            point.put("score", entry.get("score"));
                        }
                    }
                } else if (r.getStatus() != 404) {
                    return Relay.of(r);
                }
            }
            out.add(point);
        }
        java.util.Collections.reverse(out);
        return Response.ok(out, MediaType.APPLICATION_JSON_TYPE).build();
    }

    static String granularity(String period) {
        if (period.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return "DAY";
        }
        if (period.matches("\\d{4}-W\\d{2}")) {
            return "WEEK";
        }
        if (period.matches("\\d{4}-\\d{2}")) {
            return "MONTH";
        }
        return period.matches("\\d{4}") ? "YEAR" : "OTHER";
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
        } catch (java.io.IOException e) {
            throw new Problem(503, "backend-unavailable", "Service temporarily unavailable",
                    "a backend answered with an unreadable body; retry shortly").retryAfter(5);
        }
    }
}
