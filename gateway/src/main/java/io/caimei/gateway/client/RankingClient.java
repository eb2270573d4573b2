package io.caimei.gateway.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** The ranking service: boards, pages, neighbours, catalog. Every call carries the caller's token. */
@Path("/v1")
@RegisterRestClient(configKey = "ranking")
public interface RankingClient {

    @GET
    @Path("/boards")
    Response boards(@HeaderParam("Authorization") String auth);

    @GET
    @Path("/boards/{board}/periods")
    Response periods(@HeaderParam("Authorization") String auth, @PathParam("board") String board);

    @GET
    @Path("/boards/{board}/periods/{period}")
    Response page(@HeaderParam("Authorization") String auth, @PathParam("board") String board,
            @PathParam("period") String period, @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit);

    /** A page as JSON or, with {@code Accept: text/csv}, as CSV; {@code all} asks for every ranked entity. */
    @GET
    @Path("/boards/{board}/periods/{period}")
    Response page(@HeaderParam("Authorization") String auth, @PathParam("board") String board,
            @PathParam("period") String period, @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit,
            @QueryParam("all") Boolean all, @HeaderParam("Accept") String accept);

    /** Ranked entities of a board-period whose name or id contains {@code q}, in rank order. */
    @GET
    @Path("/boards/{board}/periods/{period}/search")
    Response search(@HeaderParam("Authorization") String auth, @PathParam("board") String board,
            @PathParam("period") String period, @QueryParam("q") String q, @QueryParam("limit") Integer limit);

    /** The CAMPAIGN entities owned by the caller's advertiser (empty without the claim). */
    @GET
    @Path("/catalog/mine")
    Response catalogMine(@HeaderParam("Authorization") String auth);

    @GET
    @Path("/boards/{board}/periods/{period}/entities/{entity}")
    Response around(@HeaderParam("Authorization") String auth, @PathParam("board") String board,
            @PathParam("period") String period, @PathParam("entity") String entity,
            @QueryParam("around") Integer around);

    // Non-blocking twins of the board reads: the gateway's hot path never parks a thread on the ranking service.

    @GET
    @Path("/boards")
    Uni<Response> boardsAsync(@HeaderParam("Authorization") String auth);

    @GET
    @Path("/boards/{board}/periods")
    Uni<Response> periodsAsync(@HeaderParam("Authorization") String auth, @PathParam("board") String board);

    @GET
    @Path("/boards/{board}/periods/{period}")
    Uni<Response> pageAsync(@HeaderParam("Authorization") String auth, @PathParam("board") String board,
            @PathParam("period") String period, @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit,
            @HeaderParam("If-None-Match") String ifNoneMatch);

    /** The page read with the caller's {@code Accept} (JSON or CSV) and {@code all} passed on unchanged. */
    @GET
    @Path("/boards/{board}/periods/{period}")
    Uni<Response> pageAsync(@HeaderParam("Authorization") String auth, @PathParam("board") String board,
            @PathParam("period") String period, @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit,
            @QueryParam("all") Boolean all, @HeaderParam("Accept") String accept,
            @HeaderParam("If-None-Match") String ifNoneMatch);

    @GET
    @Path("/boards/{board}/periods/{period}/search")
    Uni<Response> searchAsync(@HeaderParam("Authorization") String auth, @PathParam("board") String board,
            @PathParam("period") String period, @QueryParam("q") String q, @QueryParam("limit") Integer limit);

    @GET
    @Path("/boards/{board}/periods/{period}/entities/{entity}")
    Uni<Response> aroundAsync(@HeaderParam("Authorization") String auth, @PathParam("board") String board,
            @PathParam("period") String period, @PathParam("entity") String entity,
            @QueryParam("around") Integer around,
            @HeaderParam("If-None-Match") String ifNoneMatch);

    @POST
    @Path("/boards/{board}/periods/{period}/simulate")
    @Consumes(MediaType.APPLICATION_JSON)
    Response simulate(@HeaderParam("Authorization") String auth, @PathParam("board") String board,
            @PathParam("period") String period, byte[] body);

    @GET
    @Path("/catalog/entities/{id}")
    Response catalogEntity(@HeaderParam("Authorization") String auth, @PathParam("id") String id);

    @PUT
    @Path("/catalog/entities/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response putCatalogEntity(@HeaderParam("Authorization") String auth, @PathParam("id") String id, byte[] body);

    @POST
    @Path("/catalog/entities")
    @Consumes(MediaType.APPLICATION_JSON)
    Response postCatalogEntities(@HeaderParam("Authorization") String auth, byte[] body);
}
