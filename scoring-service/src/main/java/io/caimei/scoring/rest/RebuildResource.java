package io.caimei.scoring.rest;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.caimei.scoring.mapping.Rebuild;
import io.caimei.scoring.repository.AggregateRepository;
import io.caimei.scoring.service.EventConsumerLoop;

/**
 * Recomputes every aggregate from Kafka: wipes the partition state in Redis and replays caimei.events.v1 from the
 * beginning. Run it with a single scoring replica (others would keep writing while this one wipes).
 */
@Path("/v1/admin/rebuild")
@Produces(MediaType.APPLICATION_JSON)
public class RebuildResource {

    private final EventConsumerLoop loop;
    private final AggregateRepository aggregates;

    public RebuildResource(EventConsumerLoop loop, AggregateRepository aggregates) {
        this.loop = loop;
        this.aggregates = aggregates;
    }

    @POST
    @RolesAllowed("admin")
    public Rebuild rebuild() {
        AtomicLong deleted = new AtomicLong();
        loop.rebuild(() -> deleted.set(aggregates.wipePartitions()));
        return new Rebuild(true, deleted.get());
    }
}
