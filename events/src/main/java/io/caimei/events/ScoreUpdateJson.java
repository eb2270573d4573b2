package io.caimei.events;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Writes and reads a score update as the JSON data binding wrote it, by hand and with the streaming parser: the
 * scorer writes one per (entity, period) it re-scores and the ranking reads each, and data binding was a fifth of
 * the scorer's consumer thread in a profile. Unknown fields are skipped on reading.
 */
public final class ScoreUpdateJson {

    private ScoreUpdateJson() {
    }

    /** The JSON object of an update, fields in declaration order. */
    public static String write(ScoreUpdate u) {
        StringBuilder out = new StringBuilder(192);
        out.append('{');
        JsonText.string(out, "entityId", u.entityId()).append(',');
        JsonText.string(out, "entityType", u.entityType()).append(',');
        JsonText.string(out, "period", u.period()).append(",\"index\":");
        if (Double.isFinite(u.index())) {
            out.append(u.index());
        } else {
            out.append('"').append(u.index()).append('"');
        }
        out.append(',');
        JsonText.string(out, "profile", u.profile()).append(",\"profileVersion\":").append(u.profileVersion()).append(',');
        JsonText.string(out, "topContributor", u.topContributor()).append(",\"topContributorOrders\":")
                .append(u.topContributorOrders()).append(',');
        return JsonText.string(out, "computedAt", u.computedAt()).append('}').toString();
    }

    /** The update of one JSON object; throws on anything else, or on an unknown entity type. */
    public static ScoreUpdate read(String json) throws IOException {
        try (JsonParser p = JsonText.object(json)) {
            String entityId = null;
            EntityType entityType = null;
            String period = null;
            double index = 0;
            String profile = null;
            int profileVersion = 0;
            String topContributor = null;
            long topContributorOrders = 0;
            String computedAt = null;
            for (String field; (field = JsonText.nextField(p)) != null;) {
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
            return new ScoreUpdate(entityId, entityType, period, index, profile, profileVersion, topContributor,
                    topContributorOrders, computedAt);
        }
    }
}
