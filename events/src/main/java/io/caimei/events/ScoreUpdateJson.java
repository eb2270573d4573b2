package io.caimei.events;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * Writes and reads a score update as the JSON data binding wrote it, by hand and with the streaming parser: the
 * scorer writes one per (entity, period) it re-scores and the ranking reads each, and data binding was a fifth of
 * the scorer's consumer thread in a profile. Unknown fields are skipped on reading.
 */
public final class ScoreUpdateJson {

    /** Like the services' ObjectMapper (StrictJson): a field named twice is ambiguous and refused. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private ScoreUpdateJson() {
    }

    /** The JSON object of an update, fields in declaration order. */
    public static String write(ScoreUpdate u) {
        StringBuilder out = new StringBuilder(192);
        out.append('{');
        CanonicalEventJson.string(out, "entityId", u.entityId()).append(',');
        CanonicalEventJson.string(out, "entityType", u.entityType() == null ? null : u.entityType().name()).append(',');
        CanonicalEventJson.string(out, "period", u.period()).append(",\"index\":");
        if (Double.isFinite(u.index())) {
            out.append(u.index());
        } else {
            out.append('"').append(u.index()).append('"');
        }
        out.append(',');
        CanonicalEventJson.string(out, "profile", u.profile()).append(",\"profileVersion\":").append(u.profileVersion()).append(',');
        CanonicalEventJson.string(out, "topContributor", u.topContributor()).append(",\"topContributorOrders\":")
                .append(u.topContributorOrders()).append(',');
        return CanonicalEventJson.string(out, "computedAt", u.computedAt()).append('}').toString();
    }

    /** The update of one JSON object; throws on anything else, or on an unknown entity type. */
    public static ScoreUpdate read(String json) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            String entityId = null;
            EntityType entityType = null;
            String period = null;
            double index = 0;
            String profile = null;
            int profileVersion = 0;
            String topContributor = null;
            long topContributorOrders = 0;
            String computedAt = null;
            String field;
            while ((field = p.nextFieldName()) != null) {
                if (p.nextToken() == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (field) {
                    case "entityId" -> entityId = p.getValueAsString();
                    case "entityType" -> entityType = EntityType.valueOf(p.getText());
                    case "period" -> period = p.getValueAsString();
                    case "index" -> index = p.currentToken() == JsonToken.VALUE_STRING ? Double.parseDouble(p.getText())
                            : p.getDoubleValue();
                    case "profile" -> profile = p.getValueAsString();
                    case "profileVersion" -> profileVersion = p.getIntValue();
                    case "topContributor" -> topContributor = p.getValueAsString();
                    case "topContributorOrders" -> topContributorOrders = p.getLongValue();
                    case "computedAt" -> computedAt = p.getValueAsString();
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new IOException("truncated JSON object");
            }
            return new ScoreUpdate(entityId, entityType, period, index, profile, profileVersion, topContributor,
                    topContributorOrders, computedAt);
        }
    }
}
