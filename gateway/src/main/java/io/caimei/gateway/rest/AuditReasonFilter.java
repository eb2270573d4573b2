package io.caimei.gateway.rest;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caimei.common.rest.Problems;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Leaves the problem type of a refused JAX-RS answer (e.g. {@code not-your-campaign}, or the type a backend's
 * relayed 403 carries) on the routing context, where {@link AuditFilter} reads it for the audit line.
 */
@Provider
public class AuditReasonFilter implements ContainerResponseFilter {

    /** Relayed problem bodies are small; a larger body is not parsed just to name a reason. */
    private static final int MAX_PARSED = 16 * 1024;
    private static final Pattern SLUG = Pattern.compile("[a-z0-9-]{1,64}");

    private final CurrentVertxRequest current;
    private final ObjectMapper json;

    public AuditReasonFilter(CurrentVertxRequest current, ObjectMapper json) {
        this.current = current;
        this.json = json;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status != 401 && status != 403 && status != 429) {
            return;
        }
        String type = type(response.getEntity(), response.getMediaType());
        RoutingContext ctx = current.getCurrent();
        if (type != null && type.startsWith(Problems.TYPE_BASE) && ctx != null) {
            String slug = type.substring(Problems.TYPE_BASE.length());
            // a relayed body is the backend's text: only a plain slug goes into the audit line
            if (SLUG.matcher(slug).matches()) {
                ctx.put(AuditFilter.REASON, slug);
            }
        }
    }

    private String type(Object entity, MediaType media) {
        if (entity instanceof Map<?, ?> problem) {
            return problem.get("type") instanceof String s ? s : null;
        }
        boolean problemJson = media != null && Problems.MEDIA_TYPE.equals(media.getType() + "/" + media.getSubtype());
        if (entity instanceof byte[] body && problemJson && body.length <= MAX_PARSED) {
            try {
                JsonNode node = json.readTree(body);
                return node != null && node.path("type").isTextual() ? node.path("type").asText() : null;
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }
}
