package io.caimei.common.json;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;

import io.caimei.common.rest.Problem;

/**
 * Turns a request body Jackson could not read into a 400 {@code malformed-json} problem. Jackson's own messages are
 * never passed on: they name Java types and quote the input.
 */
public final class JsonProblems {

    public static final String TYPE = "malformed-json";
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);
    /** Field names are the client's input: shown, but never at any length. */
    private static final int MAX_NAME = 64;

    private JsonProblems() {
    }

    /** The problem to answer for a body that failed to parse or did not fit the expected shape. */
    public static Problem of(JsonProcessingException e) {
        return new Problem(400, TYPE, "Malformed JSON", detail(e));
    }

    static String detail(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher duplicate = DUPLICATE.matcher(original);
        if (duplicate.lookingAt()) {
            return "the field '" + shorten(duplicate.group(1)) + "' appears more than once in one object"
                    + at(e.getLocation());
        }
        if (e instanceof StreamConstraintsException) {
            return "the request body exceeds the JSON nesting, length or size limits";
        }
        if (e instanceof StreamReadException) {
            return "the request body is not well-formed JSON" + at(e.getLocation());
        }
        if (e instanceof JsonMappingException m) {
            String path = path(m.getPath());
            return path.isEmpty() ? "the request body does not have the expected JSON shape"
                    : "the field '" + shorten(path) + "' has the wrong type or shape";
        }
        return "the request body could not be read as JSON";
    }

    /** {@code weights.C1} or {@code [2].musicId}, from Jackson's path of field names and array indexes. */
    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String shorten(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME) + "…";
    }
}
