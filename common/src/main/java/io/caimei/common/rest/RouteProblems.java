package io.caimei.common.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Problem+json for requests no route takes at all, below the REST layer: a path nothing serves (REST resources,
 * static files, health, metrics) reaches the HTTP router's end and would get its HTML 404. Installed as the router's
 * error handlers, so they run only when no route answered; every served path is left alone.
 */
@ApplicationScoped
public class RouteProblems {

    void onRouter(@Observes Router router) {
        install(router);
    }

    void onManagementInterface(@Observes ManagementInterface management) {
        install(management.router());
    }

    static void install(Router router) {
        for (int status : new int[] { 404, 405, 406, 415 }) {
            router.errorHandler(status, ctx -> answer(ctx, status));
        }
    }

    private static void answer(RoutingContext ctx, int status) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", Problems.TYPE_BASE + Problems.typeOf(status));
        body.put("title", Problems.titleOf(status));
        body.put("status", status);
        body.put("detail", Problems.detailOf(status));
        response.setStatusCode(status).putHeader("Content-Type", Problems.MEDIA_TYPE);
        if (ctx.request().method() == HttpMethod.HEAD) {
            response.end();
        } else {
            response.end(Json.encode(body));
        }
    }
}
