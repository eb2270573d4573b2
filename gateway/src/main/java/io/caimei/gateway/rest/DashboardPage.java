package io.caimei.gateway.rest;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caimei.gateway.client.Backends;
import io.caimei.gateway.service.Caller;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.Authenticated;

/**
 * The web dashboard's page at the gateway root. Access needs a dashboard session (authorization-code login
 * with Keycloak, OIDC tenant {@code dashboard}); the page itself holds no token, its script reads the data
 * from the session-authenticated {@link DashboardApi}. Names are rendered by Qute, which escapes them.
 */
@Path("/")
@Authenticated
@RateLimited
public class DashboardPage {

    private static final Logger LOG = Logger.getLogger(DashboardPage.class);

    /**
     * Strict enough for a page that loads only its own scripts and font; ECharts sets element styles at run time;
     * CSV exports are handed to the browser as blob: downloads.
     */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "font-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; "
            + "frame-ancestors 'none'";

    private final Template dashboard;
    private final Backends backends;
    private final Caller caller;
    private final ObjectMapper json;

    public DashboardPage(@Location("dashboard.html") Template dashboard, Backends backends, Caller caller,
            ObjectMapper json) {
        this.dashboard = dashboard;
        this.backends = backends;
        this.caller = caller;
        this.json = json;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response page() {
        List<Map<String, Object>> boards = List.of();
        String boardsError = null;
        try (Response r = backends.rankingRead(c -> c.boards(caller.bearer()))) {
            if (r.getStatus() == 200) {
                boards = json.readValue(r.readEntity(byte[].class), new TypeReference<>() {
                });
            } else {
                boardsError = "the boards could not be loaded (HTTP " + r.getStatus() + ")";
            }
        } catch (RuntimeException | IOException e) {
            LOG.debugf("boards unavailable for the dashboard: %s", e.toString());
            boardsError = "the ranking service is not available right now; reload in a moment";
        }
        String html = dashboard
                .data("user", caller.identity().getPrincipal().getName())
                .data("roles", DashboardApi.visibleRoles(caller))
                .data("advertiser", caller.advertiserId().orElse(null))
                .data("boards", boards)
                .data("boardsError", boardsError)
                .render();
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .build();
    }
}
