package io.caimei.ingest.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.caimei.events.CanonicalEvent;
import io.caimei.events.EntityIds;

/**
 * Splits a JSON body into records and reads typed fields from them. A body is, in this order of trial:
 * a JSON array (record index = element position), exactly one JSON object (index 0), or NDJSON (index =
 * 0-based line number, blank lines skipped but counted). Jackson's own messages are never passed on
 * because they quote the input.
 */
final class JsonRecords {

    /** One record: a JSON object, or the reason it is not one. */
    record Item(int index, JsonNode node, String error) {
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // a record naming a field twice is ambiguous (which eid, which entity?): refused, never guessed
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonRecords() {
    }

    static List<Item> read(String body, String expectation) {
        String b = CdrParser.stripBom(body);
        if (b == null || b.isBlank()) {
            throw new ParseException(ParseException.EMPTY_BODY, "the request body is empty");
        }
        String t = b.strip();
        if (t.startsWith("[")) {
            JsonNode root;
            try {
                root = MAPPER.readTree(t);
            } catch (JsonProcessingException e) {
                throw new ParseException(ParseException.NOT_JSON, "the body starts with '[' but is not a valid JSON array"
                        + at(e.getLocation(), -1) + "; " + expectation);
            }
            if (root.isEmpty()) {
                throw new ParseException(ParseException.NO_RECORDS, "the JSON array is empty");
            }
            List<Item> items = new ArrayList<>(root.size());
            for (int i = 0; i < root.size(); i++) {
                items.add(item(i, root.get(i)));
            }
            return items;
        }
        if (t.startsWith("{")) {
            try {
                JsonNode root = MAPPER.readTree(t);
                if (root != null && root.isObject()) {
                    return List.of(new Item(0, root, null));
                }
            } catch (JsonProcessingException e) {
                // not a single object: try NDJSON below
            }
        }
        String[] lines = b.split("\\R", -1);
        List<Item> items = new ArrayList<>();
        boolean anyJson = false;
        boolean anyObject = false;
        String firstError = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(line); // unstripped, so error columns match the client's line
            } catch (JsonProcessingException e) {
                if (firstError == null) {
                    firstError = at(e.getLocation(), i + 1);
                }
                items.add(new Item(i, null, "MALFORMED_RECORD: the line is not valid JSON" + at(e.getLocation(), 0)));
                continue;
            }
            anyJson = true;
            anyObject |= node.isObject();
            items.add(item(i, node));
        }
        if (!anyJson) {
            throw new ParseException(ParseException.NOT_JSON, "the body is neither a JSON array, a JSON object nor "
                    + "newline-delimited JSON objects" + (firstError == null ? "" : firstError) + "; " + expectation);
        }
        if (!anyObject) {
            throw new ParseException(ParseException.NO_RECORDS, "no line of the body is a JSON object; " + expectation);
        }
        return items;
    }

    /**
     * Reads a body of records and maps each JSON object with {@code mapper}; anything that is not an object, and
     * every {@link Reject} the mapper throws, becomes that record's rejection.
     */
    static List<RecordResult> mapAll(String body, String expectation,
            Function<JsonNode, CanonicalEvent> mapper) {
        List<Item> items = read(body, expectation);
        List<RecordResult> results = new ArrayList<>(items.size());
        for (Item item : items) {
            results.add(item.error() != null ? RecordResult.rejected(item.index(), item.error())
                    : mapOne(item.index(), item.node(), mapper));
        }
        return results;
    }

    /** Maps one record that should be a JSON object; a {@link Reject} becomes its rejection. */
    static RecordResult mapOne(int index, JsonNode node,
            Function<JsonNode, CanonicalEvent> mapper) {
        if (node == null || !node.isObject()) {
            return RecordResult.rejected(index, "MALFORMED_RECORD: expected a JSON object, found "
                    + (node == null ? "nothing" : type(node)));
        }
        try {
            return RecordResult.accepted(index, mapper.apply(node));
        } catch (Reject r) {
            return RecordResult.rejected(index, r.reason());
        }
    }

    private static Item item(int index, JsonNode node) {
        if (node.isObject()) {
            return new Item(index, node, null);
        }
        return new Item(index, null, "MALFORMED_RECORD: expected a JSON object, found " + type(node));
    }

    /**
     * Where a syntax error is, 1-based as editors show it: {@code line} &gt; 0 names that body line, 0 gives
     * the column only, -1 takes the line from the parser. Never quotes the input.
     */
    private static String at(JsonLocation loc, int line) {
        if (loc == null || loc.getColumnNr() < 1) {
            return line > 0 ? " (error at line " + line + ")" : "";
        }
        if (line == 0) {
            return " (error at column " + loc.getColumnNr() + ")";
        }
        return " (error at line " + (line > 0 ? line : loc.getLineNr()) + ", column " + loc.getColumnNr() + ")";
    }

    static String type(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    // ---- typed fields; each throws Reject with MISSING_FIELD / BAD_FIELD / BAD_ID ----

    /** A required, non-blank string field, stripped. */
    static String text(JsonNode obj, String name, String label) {
        JsonNode v = obj.get(name);
        if (v == null || v.isNull()) {
            throw Reject.missing(label);
        }
        if (!v.isTextual()) {
            throw new Reject("BAD_FIELD: " + label + " must be a string, found " + type(v));
        }
        String s = v.textValue().strip();
        if (s.isEmpty()) {
            throw Reject.missing(label);
        }
        return s;
    }

    static String text(JsonNode obj, String name) {
        return text(obj, name, name);
    }

    /** A required string field that must satisfy the id rule of {@link EntityIds}. */
    static String id(JsonNode obj, String name, String label) {
        String s = text(obj, name, label);
        if (!EntityIds.isValid(s)) {
            throw Reject.badId(label, s);
        }
        return s;
    }

    static String id(JsonNode obj, String name) {
        return id(obj, name, name);
    }

    /** A required object field. */
    static JsonNode object(JsonNode obj, String name) {
        JsonNode v = obj.get(name);
        if (v == null || v.isNull()) {
            throw Reject.missing(name);
        }
        if (!v.isObject()) {
            throw new Reject("BAD_FIELD: " + name + " must be an object, found " + type(v));
        }
        return v;
    }

    /** A required integral number that fits a long. */
    static long integer(JsonNode obj, String name, String what) {
        JsonNode v = obj.get(name);
        if (v == null || v.isNull()) {
            throw Reject.missing(name);
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            String found = v.isIntegralNumber() ? "an integer out of range"
                    : v.isNumber() ? "a non-integer number" : type(v);
            throw new Reject("BAD_FIELD: " + name + " must be an integer (" + what + "), found " + found);
        }
        return v.longValue();
    }
}
