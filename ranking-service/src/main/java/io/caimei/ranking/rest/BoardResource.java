package io.caimei.ranking.rest;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.caimei.events.Period;
import io.caimei.ranking.config.RankingConfig;
import io.caimei.ranking.mapping.Board;
import io.caimei.ranking.mapping.BoardPage;
import io.caimei.ranking.service.Boards;
import io.caimei.ranking.service.RankingService;

/** Boards, their periods, pages and an entity's neighbourhood. */
@Path("/v1/boards")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "advertiser", "analyst", "admin" })
public class BoardResource {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private final RankingService ranking;
    private final RankingConfig config;

    public BoardResource(RankingService ranking, RankingConfig config) {
        this.ranking = ranking;
        this.config = config;
    }

    @GET
    public List<Board> boards() {
        return Boards.ALL;
    }

    @GET
    @Path("/{boardId}/periods")
    public List<Map<String, Object>> periods(@PathParam("boardId") String boardId) {
        return ranking.periods(board(boardId));
    }

    @GET
    @Path("/{boardId}/periods/{period}")
    public BoardPage page(@PathParam("boardId") String boardId, @PathParam("period") String period,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") Integer limit) {
        Board b = board(boardId);
        int size = limit == null ? b.shown() : limit;
        if (offset < 0) {
            throw new Problem(400, "bad-paging", "Bad paging", "offset must be 0 or more, got " + offset);
        }
        if (size < 1 || size > config.ranking().maxPageSize()) {
            throw new Problem(400, "bad-paging", "Bad paging",
                    "limit must be between 1 and " + config.ranking().maxPageSize() + ", got " + size);
        }
        return ranking.page(b, period(period), offset, size);
    }

    @GET
    @Path("/{boardId}/periods/{period}/entities/{entityId}")
    public BoardPage around(@PathParam("boardId") String boardId, @PathParam("period") String period,
            @PathParam("entityId") String entityId, @QueryParam("around") @DefaultValue("5") int around) {
        Board b = board(boardId);
        if (around < 0 || around > 50) {
            throw new Problem(400, "bad-paging", "Bad paging", "around must be between 0 and 50, got " + around);
        }
        if (!ID.matcher(entityId).matches()) {
            throw new Problem(400, "bad-entity-id", "Bad entity id",
                    "entity ids are 1 to 128 characters of letters, digits, '.', '_', ':' and '-'");
        }
        return ranking.around(b, period(period), entityId, around)
                .orElseThrow(() -> new Problem(404, "not-ranked", "Not ranked",
                        entityId + " is not ranked on " + boardId + " in " + period));
    }

    private static Board board(String id) {
        return Boards.byId(id).orElseThrow(() -> new Problem(404, "unknown-board", "Unknown board",
                "there is no board '" + (ID.matcher(id).matches() ? id : "?") + "'; see GET /api/v1/boards"));
    }

    private static Period period(String id) {
        return Period.parse(id).orElseThrow(() -> new Problem(400, "bad-period", "Bad period",
                "period must be a day (2024-02-14), ISO week (2024-W07), month (2024-02) or year (2024)"));
    }
}
