package io.caimei.ranking.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import io.caimei.common.rest.Problem;
import io.caimei.common.rest.Problems;
import io.caimei.events.Board;
import io.caimei.events.EntityIds;
import io.caimei.events.Period;
import io.caimei.ranking.config.RankingConfig;
import io.caimei.ranking.mapping.BoardPage;
import io.caimei.ranking.mapping.EntryCsv;
import io.caimei.ranking.mapping.SearchResult;
import io.caimei.ranking.mapping.Simulation;
import io.caimei.ranking.mapping.WeightsDeserializer;
import io.caimei.ranking.service.Boards;
import io.caimei.ranking.service.CatalogService;
import io.caimei.ranking.service.RankingService;
import io.caimei.ranking.service.SimulationService;
import io.smallrye.mutiny.Uni;
import io.smallrye.common.annotation.Blocking;

/** Boards, their periods, pages and an entity's neighbourhood. */
@Path("/v1/boards")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "advertiser", "analyst", "admin" })
public class BoardResource {

    private static final String CSV = "text/csv";
    /** A CSV page waits for its stores at most this long; each store call has its own shorter timeout. */
    private static final MediaType CSV_TYPE = MediaType.valueOf(CSV);
    private static final Duration PAGE_WAIT = Duration.ofSeconds(30);
    private static final int MAX_QUERY = 100;
    private static final int MAX_SEARCH_LIMIT = 50;

    private final RankingService ranking;
    private final RankingConfig config;
    private final SimulationService simulation;
    private final Boards boards;

    private final CatalogService catalog;

    public BoardResource(RankingService ranking, RankingConfig config, SimulationService simulation, Boards boards,
            CatalogService catalog) {
        this.catalog = catalog;
        this.boards = boards;
        this.ranking = ranking;
        this.config = config;
        this.simulation = simulation;
    }

    @GET
    public List<Board> boards() {
        return boards.all();
    }

    @GET
    @Path("/{boardId}/periods")
    public List<RankingService.PeriodSummary> periods(@PathParam("boardId") String boardId) {
        return ranking.periods(board(boardId));
    }

    /** A page as JSON, the default answer (no Accept, a wildcard or application/json). */
    @GET
    @Path("/{boardId}/periods/{period}")
    public Uni<Response> page(@PathParam("boardId") String boardId, @PathParam("period") String period,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") Integer limit,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @Context HttpHeaders headers) {
        // with two methods on this path the router falls back to this one for any Accept: refuse what is neither
        if (!acceptsJsonOrCsv(headers)) {
            throw new Problem(406, Problems.typeOf(406), Problems.titleOf(406),
                    "this route answers application/json or text/csv");
        }
        Board b = board(boardId);
        int size = pageSize(b, offset, limit);
        Period p = period(period);
        // JSON varies with Accept too: a cache must not answer a CSV request with it
        return cacheable(b, p, "page " + offset + " " + size, ifNoneMatch, () -> ranking.page(b, p, offset, size))
                .map(r -> Response.fromResponse(r.toResponse()).header(HttpHeaders.VARY, HttpHeaders.ACCEPT).build());
    }

    /**
     * The same page as a CSV attachment ({@code Accept: text/csv}), or with {@code all=true} every ranked entity of
     * the board-period, streamed chunk by chunk in rank order. Any Accept that is neither JSON nor CSV is a 406
     * problem before either method runs. Blocking: the walk reads the stores while the body is written.
     */
    @GET
    @Path("/{boardId}/periods/{period}")
    @Produces(CSV)
    @Blocking
    public Response pageCsv(@PathParam("boardId") String boardId, @PathParam("period") String period,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") Integer limit,
            @QueryParam("all") @DefaultValue("false") boolean all) {
        Board b = board(boardId);
        int size = pageSize(b, offset, limit);
        Period p = period(period);
        boolean closed = ranking.isFrozen(b.id(), p.id());
        if (!all) {
            BoardPage page = ranking.page(b, p, offset, size).await().atMost(PAGE_WAIT);
            return csv(b, p, EntryCsv.of(page.entries(), b.topContributors()), closed);
        }
        int chunk = config.ranking().exportChunk();
        StreamingOutput body = out -> {
            out.write(EntryCsv.head(b.topContributors()));
            ranking.forEachChunk(b, p, chunk, entries -> {
                try {
                    out.write(EntryCsv.rows(entries, b.topContributors()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        };
        return csv(b, p, body, closed);
    }

    private static boolean acceptsJsonOrCsv(HttpHeaders headers) {
        for (MediaType m : headers.getAcceptableMediaTypes()) {
            if (m.isCompatible(MediaType.APPLICATION_JSON_TYPE) || m.isCompatible(CSV_TYPE)) {
                return true;
            }
        }
        return false;
    }

    private int pageSize(Board b, int offset, Integer limit) {
        int size = limit == null ? b.shown() : limit;
        if (offset < 0) {
            throw new Problem(400, "bad-paging", "Bad paging", "offset must be 0 or more, got " + offset);
        }
        if (size < 1 || size > config.ranking().maxPageSize()) {
            throw new Problem(400, "bad-paging", "Bad paging",
                    "limit must be between 1 and " + config.ranking().maxPageSize() + ", got " + size);
        }
        return size;
    }

    private static Response csv(Board b, Period p, Object body, boolean closed) {
        return Response.ok(body).header(HttpHeaders.CONTENT_TYPE, EntryCsv.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + b.id() + "-" + p.id() + ".csv\"")
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                .header(HttpHeaders.CACHE_CONTROL, closed ? ClosedETag.CACHE_CONTROL : "no-cache").build();
    }

    /** Ranked entities of a board-period whose name or entity id contains {@code q}, in rank order. */
    @GET
    @Path("/{boardId}/periods/{period}/search")
    public Uni<SearchResult> search(@PathParam("boardId") String boardId, @PathParam("period") String period,
            @QueryParam("q") String q, @QueryParam("limit") @DefaultValue("20") int limit) {
        Board b = board(boardId);
        if (q == null || q.isBlank() || q.codePointCount(0, q.length()) > MAX_QUERY) {
            throw new Problem(400, "bad-search", "Bad search",
                    "q must be 1 to " + MAX_QUERY + " characters and not blank");
        }
        if (limit < 1 || limit > MAX_SEARCH_LIMIT) {
            throw new Problem(400, "bad-paging", "Bad paging",
                    "limit must be between 1 and " + MAX_SEARCH_LIMIT + ", got " + limit);
        }
        return ranking.search(b, period(period), q.strip(), limit, config.ranking().exportChunk());
    }

    @GET
    @Path("/{boardId}/periods/{period}/entities/{entityId}")
    public Uni<RestResponse<BoardPage>> around(@PathParam("boardId") String boardId, @PathParam("period") String period,
            @PathParam("entityId") String entityId, @QueryParam("around") @DefaultValue("5") int around,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Board b = board(boardId);
        if (around < 0 || around > 50) {
            throw new Problem(400, "bad-paging", "Bad paging", "around must be between 0 and 50, got " + around);
        }
        if (!EntityIds.isValid(entityId)) {
            throw new Problem(400, "bad-entity-id", "Bad entity id",
                    "entity ids are " + EntityIds.RULE);
        }
        Period p = period(period);
        return cacheable(b, p, "around " + entityId + " " + around, ifNoneMatch, () -> ranking.around(b, p, entityId,
                around).map(found -> found.orElseThrow(() -> new Problem(404, "not-ranked", "Not ranked",
                        entityId + " is not ranked on " + boardId + " in " + period))));
    }

    /**
     * A closed period's answer never changes (but for catalog names, whose version is in the tag): it carries a
     * strong ETag and may be cached, and a request that already has it gets 304 from memory, before any store
     * is asked. An open period's answer changes with every score: no tag, revalidate every time.
     */
    private Uni<RestResponse<BoardPage>> cacheable(Board b, Period p, String what, String ifNoneMatch,
            Supplier<Uni<BoardPage>> answer) {
        if (!ranking.isFrozen(b.id(), p.id())) {
            return answer.get().map(page -> RestResponse.ResponseBuilder.ok(page)
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache").build());
        }
        String etag = ClosedETag.of(b.id(), p.id(), what, catalog.version());
        if (ClosedETag.matches(ifNoneMatch, etag)) {
            return Uni.createFrom().item(RestResponse.ResponseBuilder.<BoardPage>notModified()
                    .header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, ClosedETag.CACHE_CONTROL)
                    .build());
        }
        return answer.get().map(page -> RestResponse.ResponseBuilder.ok(page).header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, ClosedETag.CACHE_CONTROL).build());
    }

    /** Ranks the board's period under candidate weights; nothing live changes. */
    @POST
    @Path("/{boardId}/periods/{period}/simulate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "analyst", "admin" })
    public Simulation simulate(@PathParam("boardId") String boardId, @PathParam("period") String period,
            @HeaderParam("Authorization") String bearer, SimulationBody body) {
        Board b = board(boardId);
        if (body == null || body.weights() == null) {
            throw new Problem(400, "bad-simulation", "Bad simulation", "weights are required");
        }
        int limit = body.limit() == null ? b.shown() : body.limit();
        if (limit < 1 || limit > config.ranking().maxPageSize()) {
            throw new Problem(400, "bad-paging", "Bad paging",
                    "limit must be between 1 and " + config.ranking().maxPageSize() + ", got " + limit);
        }
        return simulation.simulate(bearer, b, period(period), body.weights(), limit);
    }

    /**
     * Candidate weights (some or all codes; the rest from the board profile's active version) and how many entries
     * to return. The weights are read without judging them and passed to scoring as they came: scoring owns the
     * rules, so a weight that is no number is its 400 naming the code, not a generic malformed body here.
     */
    public record SimulationBody(@JsonDeserialize(using = WeightsDeserializer.class) Map<String, Object> weights,
            Integer limit) {
    }

    private Board board(String id) {
        return boards.byId(id).orElseThrow(() -> new Problem(404, "unknown-board", "Unknown board",
                "there is no board '" + (EntityIds.isValid(id) ? id : "?") + "'; see GET /api/v1/boards"));
    }

    private static Period period(String id) {
        return Period.parse(id).orElseThrow(() -> new Problem(400, "bad-period", "Bad period",
                "period must be a day (2024-02-14), ISO week (2024-W07), month (2024-02) or year (2024)"));
    }
}
