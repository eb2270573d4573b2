package io.caimei.scoring.rest;

import io.caimei.common.rest.Problem;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.caimei.scoring.mapping.SimulatedScore;
import io.caimei.scoring.mapping.SimulationRequest;
import io.caimei.scoring.service.SimulationService;
import io.caimei.scoring.service.WeightProfile;
import io.caimei.scoring.service.WeightTree;

/** Scores entities under a candidate profile for the ranking service's simulate endpoint. */
@Path("/v1/scores/simulate")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SimulationResource {

    private static final int MAX_ENTITIES = 200_000;

    private final SimulationService simulation;

    public SimulationResource(SimulationService simulation) {
        this.simulation = simulation;
    }

    @POST
    @RolesAllowed({ "analyst", "admin" })
    public List<SimulatedScore> simulate(SimulationRequest request) {
        if (request == null || request.weights() == null || request.entityIds() == null) {
            throw new Problem(400, "bad-simulation", "Bad simulation", "period, weights and entityIds are required");
        }
        Validation.period(request.period());
        List<String> errors = WeightTree.validate(request.weights());
        if (!errors.isEmpty()) {
            throw new Problem(400, "bad-profile", "Bad weight profile", String.join("; ", errors));
        }
        if (request.entityIds().size() > MAX_ENTITIES) {
            throw new Problem(413, "too-many-entities", "Too many entities", "at most " + MAX_ENTITIES + " entities");
        }
        request.entityIds().forEach(Validation::entityId);
        return simulation.simulate(request.period(), new WeightProfile("candidate", 0, request.weights()),
                request.entityIds());
    }
}
