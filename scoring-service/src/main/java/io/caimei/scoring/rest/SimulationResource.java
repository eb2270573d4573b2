package io.caimei.scoring.rest;

import io.caimei.common.rest.Problem;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.caimei.events.Board;
import io.caimei.events.BoardCatalog;
import io.caimei.events.EntityIds;
import io.caimei.scoring.mapping.SimulatedScore;
import io.caimei.scoring.mapping.SimulationRequest;
import io.caimei.scoring.mapping.WhatIf;
import io.caimei.scoring.service.SimulationService;
import io.caimei.scoring.service.Weights;

/**
 * Scores entities under candidate weights for the ranking service's simulate endpoint. The weights may be partial:
 * the others come from the active profile. {@code /simulate} answers the scores alone (ranking's client reads a
 * list); {@code /what-if} answers them with all 19 weights used and the codes the caller gave.
 */
@Path("/v1/scores")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SimulationResource {

    private static final int MAX_ENTITIES = 200_000;

    private final SimulationService simulation;

    public SimulationResource(SimulationService simulation) {
        this.simulation = simulation;
    }

    @POST
    @Path("/simulate")
    @RolesAllowed({ "analyst", "admin" })
    public List<SimulatedScore> simulate(SimulationRequest request) {
        return whatIf(request).scores();
    }

    @POST
    @Path("/what-if")
    @RolesAllowed({ "analyst", "admin" })
    public WhatIf whatIf(SimulationRequest request) {
        if (request == null || request.weights() == null || request.entityIds() == null) {
            throw new Problem(400, "bad-simulation", "Bad simulation", "period, weights and entityIds are required");
        }
        Validation.period(request.period());
        Map<String, BigDecimal> given = Weights.parse(request.weights());
        Board board = request.boardId() == null ? null : BoardCatalog.get().byId(request.boardId())
                .orElseThrow(() -> new Problem(400, "unknown-board", "Unknown board", "there is no board '"
                        + (EntityIds.isValid(request.boardId()) ? request.boardId() : "?") + "'"));
        if (request.entityIds().size() > MAX_ENTITIES) {
            throw new Problem(413, "too-many-entities", "Too many entities", "at most " + MAX_ENTITIES + " entities");
        }
        request.entityIds().forEach(Validation::entityId);
        return simulation.simulate(request.period(), given, request.entityIds(), board);
    }
}
