package io.caimei.events;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;

/**
 * Writes a canonical event by hand and reads it with Jackson's streaming parser, in the form data binding used: ingest
 * writes and the scorer reads every record this way (data binding was a fifth to a third of their busiest threads in
 * a profile). Unknown fields are skipped on reading, as data binding did. Records in the plain form ingest writes
 * (known fields once each, strings without escapes) are read by {@link PlainEvent} without a parser; anything else
 * goes to the parser.
 */
public final class CanonicalEventJson {

    private CanonicalEventJson() {
    }

    /** The JSON object of an event, fields in declaration order, nulls written. */
    public static String write(CanonicalEvent e) {
        StringBuilder out = new StringBuilder(320);
        out.append('{');
        JsonText.string(out, "eventId", e.eventId()).append(',');
        JsonText.string(out, "source", e.source()).append(',');
        JsonText.string(out, "channel", e.channel()).append(',');
        JsonText.string(out, "network", e.network()).append(',');
        JsonText.string(out, "indicator", e.indicator()).append(',');
        JsonText.string(out, "entityType", e.entityType()).append(',');
        JsonText.string(out, "entityId", e.entityId()).append(',');
        JsonText.string(out, "attributedFrom", e.attributedFrom()).append(',');
        JsonText.string(out, "occurredAt", e.occurredAt()).append(',');
        JsonText.string(out, "userKey", e.userKey()).append(",\"delta\":").append(e.delta());
        return out.append('}').toString();
    }

    /** The event of one JSON object; throws on anything else, or on an unknown enum constant. */
    public static CanonicalEvent read(String json) throws IOException {
        CanonicalEvent plain = PlainEvent.read(json);
        return plain != null ? plain : readParsed(json);
    }

    /** {@link #read} with Jackson's streaming parser alone: any JSON, and the refusals data binding had. */
    static CanonicalEvent readParsed(String json) throws IOException {
        try (JsonParser p = JsonText.object(json)) {
            EventFields f = new EventFields();
            for (String field; (field = JsonText.nextField(p)) != null;) {
                switch (field) {
                    case "eventId" -> f.eventId = p.getValueAsString();
                    case "source" -> f.source = p.getValueAsString();
                    case "channel" -> f.channel = Channel.valueOf(p.getText());
                    case "network" -> f.network = Network.valueOf(p.getText());
                    case "indicator" -> f.indicator = Indicator.valueOf(p.getText());
                    case "entityType" -> f.entityType = EntityType.valueOf(p.getText());
                    case "entityId" -> f.entityId = p.getValueAsString();
                    case "attributedFrom" -> f.attributedFrom = p.getValueAsString();
                    case "occurredAt" -> f.occurredAt = p.getValueAsString();
                    case "userKey" -> f.userKey = p.getValueAsString();
                    case "delta" -> f.delta = p.getIntValue();
                    default -> p.skipChildren();
                }
            }
            return f.event();
        }
    }
}
