package io.caimei.ingest.rest;

import io.caimei.common.rest.Problems;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.caimei.ingest.mapping.ParseException;
import io.caimei.ingest.service.EventProducer.DeliveryFailedException;

/** Maps ingest-specific failures (unparseable body, Kafka unavailable) to RFC 9457 problems. */
public class ProblemMapper {

    @ServerExceptionMapper
    public Response unparseable(ParseException e) {
        return Problems.response(400, "unparseable-body", "Nothing could be parsed", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response undelivered(DeliveryFailedException e) {
        Response r = Problems.response(503, "kafka-unavailable", "Events not accepted",
                "the events could not be stored durably; nothing was accepted, retry the same batch", null);
        return Response.fromResponse(r).header("Retry-After", "5").build();
    }

}
