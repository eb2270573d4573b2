package io.caimei.scoring.rest;

import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.caimei.events.PeriodClosed;
import io.caimei.scoring.mapping.PeriodClose;
import io.caimei.scoring.mapping.PeriodsState;
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
    public PeriodsState state() {
        return new PeriodsState(periods.watermark().map(Object::toString).orElse(""), periods.channels(),
                new TreeSet<>(periods.closedPeriods()));
    }

    @POST
    @Path("/{period}/close")
    @RolesAllowed("admin")
    public PeriodClose close(@PathParam("period") String period) {
        Validation.period(period);
        boolean fresh = periods.close(period, PeriodClosed.BY_ADMIN);
        return new PeriodClose(period, true, !fresh);
    }
}
