package io.caimei.ingest.rest;

import io.caimei.common.rest.Problem;
import io.caimei.common.rest.Problems;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.caimei.events.Channel;
import io.caimei.ingest.config.IngestConfig;
import io.caimei.ingest.mapping.NativeFormats;
import io.caimei.ingest.mapping.RecordResult;
import io.caimei.ingest.service.IngestReport;
import io.caimei.ingest.service.IngestService;

/** Accepts canonical and native channel events; 202 only once the accepted ones are durably in Kafka. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "ingest", "admin" })
public class IngestResource {

    private final IngestService ingest;
    private final NativeFormats formats;
    private final IngestConfig config;

    public IngestResource(IngestService ingest, NativeFormats formats, IngestConfig config) {
        this.ingest = ingest;
        this.formats = formats;
        this.config = config;
    }

    @POST
    @Path("/events")
    public Response canonical(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        requireJson(contentType);
        return answer(formats.parseCanonical(text(body), Instant.now()));
    }

    @POST
    @Path("/channels/{channel}/events")
    public Response channel(@PathParam("channel") String channelName,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        Channel channel = Channel.parse(channelName).orElseThrow(() -> new Problem(404, "unknown-channel",
                "Unknown channel", "channel must be one of " + List.of(Channel.values())));
        switch (channel) {
            case CRBT, CALLER_ID, OUTBOUND_12530 -> requireType(contentType, "text/plain");
            default -> requireJson(contentType);
        }
        return answer(formats.parse(channel, text(body), Instant.now()));
    }

    private Response answer(List<RecordResult> results) {
        if (results.size() > config.ingest().maxRecords()) {
            throw new Problem(413, "too-many-records", "Too many records",
                    "a batch holds at most " + config.ingest().maxRecords() + " records, got " + results.size());
        }
        boolean anyValid = results.stream().anyMatch(RecordResult::isAccepted);
        if (!anyValid) {
            List<IngestReport.Rejection> rejected = results.stream()
                    .map(r -> new IngestReport.Rejection(r.index(), r.reason())).toList();
            return Problems.response(400, "all-records-rejected", "No record was valid",
                    "every record of the batch was rejected; see rejected", Map.of("rejected", rejected));
        }
        IngestReport report = ingest.ingest(results);
        return Response.accepted(report).build();
    }

    private String text(byte[] body) {
        if (body == null) {
            return "";
        }
        if (body.length > config.ingest().maxBodyBytes()) {
            throw new Problem(413, "body-too-large", "Body too large",
                    "a request body holds at most " + config.ingest().maxBodyBytes() + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new Problem(400, "invalid-utf8", "Invalid UTF-8", "the body is not valid UTF-8");
        }
    }

    private static void requireJson(String contentType) {
        if (!isType(contentType, "application/json") && !isType(contentType, "application/x-ndjson")) {
            throw new Problem(415, "unsupported-media-type", "Unsupported media type",
                    "send application/json (an array or one object) or application/x-ndjson");
        }
    }

    private static void requireType(String contentType, String expected) {
        if (!isType(contentType, expected)) {
            throw new Problem(415, "unsupported-media-type", "Unsupported media type",
                    "this channel takes " + expected + " CDR lines");
        }
    }

    private static boolean isType(String contentType, String expected) {
        if (contentType == null) {
            return false;
        }
        String base = contentType.split(";", 2)[0].trim();
        return base.equalsIgnoreCase(expected);
    }
}
