package io.caimei.gateway.config;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Adds the answers every public route can give to each {@code /api/v1} operation that does not declare them itself:
 * 401 (no or bad token), 403 (the route's roles are narrower than the realm's), 429 (rate limit) and 503 (a backend
 * is away), all as problem+json, and the problem body to every error answer a route declares, so the routes'
 * annotations only carry what is particular to them.
 */
public class OpenApiErrors implements OASFilter {

    private static final String PROBLEM = "#/components/schemas/Problem";
    private static final Map<String, String> COMMON = Map.of(
            "401", "No bearer token, or one that is expired or not for this platform",
            "403", "The token's roles do not allow this route",
            "429", "The caller's per-second budget is spent; Retry-After says when to come back",
            "503", "A backend service did not answer; Retry-After says when to retry");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/api/v1/")) {
                continue;
            }
            for (Operation op : path.getValue().getOperations().values()) {
                APIResponses responses = op.getResponses();
                if (responses == null) {
                    responses = OASFactory.createAPIResponses();
                    op.setResponses(responses);
                }
                for (Map.Entry<String, String> code : COMMON.entrySet()) {
                    APIResponse existing = responses.getAPIResponse(code.getKey());
                    if (existing == null || existing.getContent() == null) {
                        responses.addAPIResponse(code.getKey(), problem(code.getValue()));
                    }
                }
                // a route's own error answers name only their status and meaning: the body is always a problem
                if (responses.getAPIResponses() != null) {
                    for (Map.Entry<String, APIResponse> r : List.copyOf(responses.getAPIResponses().entrySet())) {
                        if (r.getKey().matches("[45]\\d\\d") && r.getValue().getContent() == null) {
                            responses.addAPIResponse(r.getKey(), problem(r.getValue().getDescription()));
                        }
                    }
                }
            }
        }
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType("application/problem+json", OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(PROBLEM))));
    }
}
