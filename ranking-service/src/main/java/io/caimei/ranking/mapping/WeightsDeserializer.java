package io.caimei.ranking.mapping;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;

/**
 * Reads a simulation's {@code weights} object without judging it: numbers stay the exact decimals written (0.3 is
 * never a binary double on its way to scoring), any other value is kept as written, so scoring, which owns the
 * rules, can answer a 400 naming the code whose weight is no number.
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
            out.put(code, t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT ? p.getDecimalValue()
                    : ctx.readTree(p));
        }
        return out;
    }
}
