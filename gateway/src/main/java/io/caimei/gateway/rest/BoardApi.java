package io.caimei.gateway.rest;

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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.caimei.events.Board;
import io.caimei.gateway.client.Backends;
import io.caimei.gateway.mapping.ApiSchemas;
import io.caimei.gateway.mapping.RankPoint;
import io.caimei.gateway.service.Caller;
import io.caimei.gateway.service.HistoryService;
import io.smallrye.mutiny.Uni;

/** Public board queries: boards, periods, pages, search, an entity's neighbourhood and rank history. */
@Path("/api/v1/boards")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "advertiser", "analyst", "admin" })
@RateLimited
public class BoardApi {

    private final Backends backends;
    private final Caller caller;
    private final HistoryService history;

    public BoardApi(Backends backends, Caller caller, HistoryService history) {
        this.backends = backends;
        this.caller = caller;
        this.history = history;
    }

    @GET
    @Operation(summary = "The eight boards")
    @APIResponse(responseCode = "200", description = "Every board: id, names, entity filter, profile, shown size",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = Board.class)))
    public Uni<Response> boards() {
        String bearer = caller.bearer();
        return Relay.of(backends.rankingReadAsync(r -> r.boardsAsync(bearer)), "ranking");
    }

    @GET
    @Path("/{boardId}/periods")
    @Operation(summary = "A board's periods, newest first, each OPEN, CLOSED or EMPTY")
    @APIResponse(responseCode = "200", description = "The board's periods",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ApiSchemas.PeriodItem.class)))
    @APIResponse(responseCode = "404", description = "No such board")
    public Uni<Response> periods(@Parameter(description = ApiDocs.BOARD) @PathParam("boardId") String board) {
        String bearer = caller.bearer();
        return Relay.of(backends.rankingReadAsync(r -> r.periodsAsync(bearer, board)), "ranking");
    }

    /**
     * JSON by default; {@code Accept: text/csv} answers the page (or with {@code all=true} the whole board-period)
     * as CSV, relayed byte for byte with its Content-Disposition. Any other Accept is ranking's 406, relayed.
     */
    @GET
    @Path("/{boardId}/periods/{period}")
    @Produces({ MediaType.APPLICATION_JSON, ApiDocs.CSV, MediaType.WILDCARD })
    @Operation(summary = "A page of a board in a period with the total count, as JSON or (Accept: text/csv) CSV",
            description = "A closed period's JSON page carries a strong ETag; If-None-Match with it answers 304. "
                    + "The CSV is UTF-8 with a BOM, RFC 4180 quoted, scores with 4 decimals, served as an "
                    + "attachment named <boardId>-<period>.csv; all=true exports every ranked entity in rank order.")
    @APIResponse(responseCode = "200", description = "The page (JSON) or the export (CSV)", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON,
                schema = @Schema(implementation = ApiSchemas.BoardPage.class),
                examples = @ExampleObject(name = "page", value = ApiDocs.PAGE_EXAMPLE)),
        @Content(mediaType = ApiDocs.CSV, schema = @Schema(type = SchemaType.STRING,
                description = "rank,entityId,name,score,movement,previousRank,peakRank,periodsOnBoard"
                        + "[,topContributor,topContributorName]"),
                examples = @ExampleObject(name = "csv", value = ApiDocs.CSV_EXAMPLE)) })
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match matched a closed period's ETag)")
    @APIResponse(responseCode = "400", description = "Bad period, offset or limit")
    @APIResponse(responseCode = "404", description = "No such board")
    @APIResponse(responseCode = "406", description = "Accept names neither application/json nor text/csv")
    public Uni<Response> page(@Parameter(description = ApiDocs.BOARD) @PathParam("boardId") String board,
            @Parameter(description = ApiDocs.PERIOD) @PathParam("period") String period,
            @Parameter(description = ApiDocs.OFFSET) @QueryParam("offset") Integer offset,
            @Parameter(description = ApiDocs.LIMIT) @QueryParam("limit") Integer limit,
            @Parameter(description = "CSV only: every ranked entity of the board-period instead of one page")
            @QueryParam("all") Boolean all,
            @Parameter(description = "application/json (default) or text/csv") @HeaderParam(HttpHeaders.ACCEPT)
            String accept,
            @Parameter(description = ApiDocs.IF_NONE_MATCH) @HeaderParam(HttpHeaders.IF_NONE_MATCH)
            String ifNoneMatch) {
        PathParams.period(period);
        String bearer = caller.bearer();
        return Relay.of(backends.rankingReadAsync(r -> r.pageAsync(bearer, board, period, offset, limit, all, accept,
                ifNoneMatch)), "ranking");
    }

    @GET
    @Path("/{boardId}/periods/{period}/search")
    @Operation(summary = "Ranked entities of a board-period whose name or id contains q, in rank order",
            description = "Case-insensitive; Chinese names match too. Each entry is a full page entry.")
    @APIResponse(responseCode = "200", description = "The matches",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiSchemas.SearchResult.class),
                    examples = @ExampleObject(name = "search", value = ApiDocs.SEARCH_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "q blank or longer than 100 characters, bad limit or period")
    @APIResponse(responseCode = "404", description = "No such board")
    public Uni<Response> search(@Parameter(description = ApiDocs.BOARD) @PathParam("boardId") String board,
            @Parameter(description = ApiDocs.PERIOD) @PathParam("period") String period,
            @Parameter(description = "Text to find in names or entity ids, 1..100 characters", required = true)
            @QueryParam("q") String q,
            @Parameter(description = "How many matches to return, 1..50 (default 20)") @QueryParam("limit")
            Integer limit) {
        PathParams.period(period);
        String bearer = caller.bearer();
        return Relay.of(backends.rankingReadAsync(r -> r.searchAsync(bearer, board, period, q, limit)), "ranking");
    }

    @GET
    @Path("/{boardId}/periods/{period}/entities/{entityId}")
    @Operation(summary = "One entity's entry and its neighbours (ETag and 304 as for pages)")
    @APIResponse(responseCode = "200", description = "A page holding the entity and its neighbours",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiSchemas.BoardPage.class)))
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match matched a closed period's ETag)")
    @APIResponse(responseCode = "400", description = "Bad period, entity id or around")
    @APIResponse(responseCode = "404", description = "No such board, or the entity is not ranked in the period")
    public Uni<Response> around(@Parameter(description = ApiDocs.BOARD) @PathParam("boardId") String board,
            @Parameter(description = ApiDocs.PERIOD) @PathParam("period") String period,
            @Parameter(description = ApiDocs.ENTITY) @PathParam("entityId") String entity,
            @Parameter(description = "How many neighbours above and below (default 5)") @QueryParam("around")
            Integer around,
            @Parameter(description = ApiDocs.IF_NONE_MATCH) @HeaderParam(HttpHeaders.IF_NONE_MATCH)
            String ifNoneMatch) {
        PathParams.period(period);
        PathParams.entityId(entity);
        String bearer = caller.bearer();
        return Relay.of(backends.rankingReadAsync(r -> r.aroundAsync(bearer, board, period, entity, around,
                ifNoneMatch)), "ranking");
    }

    @GET
    @Path("/{boardId}/periods/{period}/entities/{entityId}/history")
    @Operation(summary = "An entity's rank in the board's most recent periods of the same granularity, oldest first",
            description = "Up to and including the asked period; rank and score are null where it was not ranked.")
    @APIResponse(responseCode = "200", description = "The rank history",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = RankPoint.class),
                    examples = @ExampleObject(name = "history", value = ApiDocs.HISTORY_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Bad period, entity id or periods")
    @APIResponse(responseCode = "404", description = "No such board")
    public List<RankPoint> history(@Parameter(description = ApiDocs.BOARD) @PathParam("boardId") String board,
            @Parameter(description = ApiDocs.PERIOD) @PathParam("period") String period,
            @Parameter(description = ApiDocs.ENTITY) @PathParam("entityId") String entity,
            @Parameter(description = "How many periods to look back, 1..12 (default 8)") @QueryParam("periods")
            Integer count) {
        return history.history(board, PathParams.period(period), PathParams.entityId(entity), count);
    }

    @POST
    @Path("/{boardId}/periods/{period}/simulate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "analyst", "admin" })
    @Operation(summary = "Rank a board's period under candidate weights; nothing live changes",
            description = "Weights not given are taken from the active version of the board's profile; the answer "
                    + "lists all weights used and which were given.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiSchemas.SimulationRequest.class),
            examples = @ExampleObject(name = "two weights", value = ApiDocs.SIMULATE_REQUEST_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The re-ranked board beside the live ranks",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiSchemas.Simulation.class),
                    examples = @ExampleObject(name = "simulation", value = ApiDocs.SIMULATION_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Unknown weight code, negative or non-numeric weight, bad body")
    @APIResponse(responseCode = "404", description = "No such board")
    @APIResponse(responseCode = "415", description = "The body is not application/json")
    public Response simulate(@Parameter(description = ApiDocs.BOARD) @PathParam("boardId") String board,
            @Parameter(description = ApiDocs.PERIOD) @PathParam("period") String period, byte[] body) {
        PathParams.period(period);
        return Relay.of(backends.rankingWrite(r -> r.simulate(caller.bearer(), board, period, body)));
    }
}
