package io.caimei.events;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** The pieces the hand-written record codecs share: strict object reading and escaped field writing. */
final class JsonText {

    /** Like the services' ObjectMapper (StrictJson): a field named twice is ambiguous and refused. */
    private static final JsonFactory STRICT = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();

    private JsonText() {
    }

    /** A parser standing inside one JSON object; throws when the text does not start one. */
    static JsonParser object(String json) throws IOException {
        JsonParser p = STRICT.createParser(json);
        try {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            return p;
        } catch (IOException e) {
            p.close();
            throw e;
        }
    }

    /** The next field whose value is not null, the parser on its value; null at the object's end. */
    static String nextField(JsonParser p) throws IOException {
        String field;
        while ((field = p.nextFieldName()) != null) {
            if (p.nextToken() != JsonToken.VALUE_NULL) {
                return field;
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new IOException("truncated JSON object");
        }
        return null;
    }

    /** {@code "name":"value"} (JSON-escaped) or {@code "name":null}. */
    static StringBuilder string(StringBuilder out, String name, String value) {
        out.append('"').append(name).append("\":");
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        if (plain(value)) {
            out.append(value);
        } else {
            QUOTE.quoteAsString(value, out);
        }
        return out.append('"');
    }

    /** {@link #string} of an enum constant's name. */
    static StringBuilder string(StringBuilder out, String name, Enum<?> value) {
        return string(out, name, value == null ? null : value.name());
    }

    /** True when JSON needs no escape in the string (no control character, quote or backslash). */
    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
