package io.caimei.events;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Writes and reads a score update as the JSON data binding wrote it, by hand and with the streaming parser: the
 * scorer writes one per (entity, period) it re-scores and the ranking reads each, and data binding was a fifth of
 * the scorer's consumer thread in a profile. Unknown fields are skipped on reading. A record of the scores topic
 * holds one update per line (NDJSON): a Kafka record per update cost the scorer, the broker and the ranking more
 * than the update itself.
 */
public final class ScoreUpdateJson {

    private ScoreUpdateJson() {
    }

    /** The JSON object of an update, fields in declaration order. */
    public static String write(ScoreUpdate u) {
        return append(new StringBuilder(192), u).toString();
    }

    /**
     * Appends the JSON object of an update to {@code out}; a record of several updates is these objects separated
     * by {@code '\n'} (JSON escapes every control character inside strings, so a line is always one object).
     */
    public static StringBuilder append(StringBuilder out, ScoreUpdate u) {
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
        return JsonText.string(out, "computedAt", u.computedAt()).append('}');
    }

    /**
     * The updates of one record, a line each (a record written by {@link #write} is one line). A line that does not
     * read is handed to {@code unreadable} with its number (from 0) and skipped: the others still count.
     */
    public static List<ScoreUpdate> readLines(String value, BiConsumer<Integer, Exception> unreadable) {
        List<ScoreUpdate> out = new ArrayList<>();
        int line = 0;
        for (int from = 0; from <= value.length(); line++) {
            int end = value.indexOf('\n', from);
            if (end < 0) {
                end = value.length();
            }
            if (end > from) {
                try {
                    out.add(read(value.substring(from, end)));
                } catch (IOException | IllegalArgumentException e) {
                    unreadable.accept(line, e);
                }
            }
            from = end + 1;
        }
        return out;
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
