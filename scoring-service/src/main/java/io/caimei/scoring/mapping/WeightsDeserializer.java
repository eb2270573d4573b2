package io.caimei.scoring.mapping;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;

/**
 * Reads a {@code weights} object keeping every number exactly as written ({@code 0.3} stays the decimal 0.3, never
 * a binary double); a value that is no number is kept as a string, boolean, null, list or map so the 400 can name
 * its code ({@code service/Weights.parse}).
 */
public class WeightsDeserializer extends JsonDeserializer<Map<String, Object>> {

    @Override
    public Map<String, Object> deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        if (!p.isExpectedStartObjectToken()) {
            return ctx.reportInputMismatch(Map.class, "weights must be an object of node code to number");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String code = p.nextFieldName(); code != null; code = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            out.put(code, switch (t) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDecimalValue();
                case VALUE_STRING -> p.getText();
                case VALUE_TRUE, VALUE_FALSE -> p.getBooleanValue();
                case START_ARRAY -> skip(p, List.of());
                case START_OBJECT -> skip(p, Map.of());
                default -> null;
            });
        }
        return out;
    }

    private static Object skip(JsonParser p, Object marker) throws IOException {
        p.skipChildren();
        return marker;
    }
}
