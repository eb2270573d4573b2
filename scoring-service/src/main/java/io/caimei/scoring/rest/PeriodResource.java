package io.caimei.scoring.rest;

import java.util.Map;
import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.caimei.events.PeriodClosed;
import io.caimei.scoring.service.PeriodService;

/** The watermark, the closed periods, and the admin's explicit close. */
@Path("/v1/periods")
@Produces(MediaType.APPLICATION_JSON)
public class PeriodResource {

    private final PeriodService periods;

    public PeriodResource(PeriodService periods) {
        this.periods = periods;
    }

    @GET
    @RolesAllowed({ "analyst", "admin" })
    public Map<String, Object> state() {
        return Map.of("watermark", periods.watermark().map(Object::toString).orElse(""),
                "closed", new TreeSet<>(periods.closedPeriods()));
    }

    @POST
    @Path("/{period}/close")
    @RolesAllowed("admin")
    public Map<String, Object> close(@PathParam("period") String period) {
        Validation.period(period);
        boolean fresh = periods.close(period, PeriodClosed.BY_ADMIN);
        return Map.of("period", period, "closed", true, "alreadyClosed", !fresh);
    }
}
