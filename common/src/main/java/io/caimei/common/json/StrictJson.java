package io.caimei.common.json;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Makes the ObjectMapper Quarkus uses (request bodies, REST clients, Kafka records) refuse an object that names a
 * field twice: {@code {"limit":3,"limit":2}} is ambiguous, and silently taking one of the values would hide the
 * client's mistake. The parse error becomes a 400 {@code malformed-json} problem ({@link JsonProblems}).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}
