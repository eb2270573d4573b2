package io.caimei.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caimei.common.rest.Problem;

/** The customized mapper refuses a field named twice, and the refusal is a 400 problem naming the field only. */
class StrictJsonTest {

    /** The mapper as every service gets it from Quarkus, with this module's customizer applied. */
    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    /** A record read the way the REST layer reads request bodies. */
    record Paging(Integer offset, Integer limit) {
    }

    @Test
    void aDuplicatedKeyIsRefusedWhereAPlainMapperWouldTakeTheLastValue() throws JsonProcessingException {
        String body = "{\"limit\":3,\"limit\":2}";
        assertEquals(2, new ObjectMapper().readValue(body, Map.class).get("limit"));
        assertThrows(JsonProcessingException.class, () -> strict().readValue(body, Map.class));
        assertThrows(JsonProcessingException.class, () -> strict().readValue(body, Paging.class));
        assertThrows(JsonProcessingException.class, () -> strict().readTree("{\"a\":{\"b\":1,\"b\":1}}"));
    }

    @Test
    void aDuplicatedKeyIsA400MalformedJsonProblemNamingTheField() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> strict().readValue("{\"offset\":0,\n\"limit\":3,\"limit\":2}", Paging.class));
        Problem p = JsonProblems.of(e);
        assertEquals(400, p.status());
        assertEquals("malformed-json", p.type());
        assertTrue(p.getMessage().contains("'limit'"), p.getMessage());
        assertTrue(p.getMessage().contains("line 2"), p.getMessage());
        assertFalse(p.getMessage().contains("Paging"), p.getMessage());
    }

    @Test
    void aValueOfTheWrongTypeNamesTheFieldButNoJavaType() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> strict().readValue("{\"limit\":\"many\"}", Paging.class));
        String detail = JsonProblems.of(e).getMessage();
        assertEquals("the field 'limit' has the wrong type or shape", detail);
    }

    @Test
    void brokenJsonSaysWhereWithoutQuotingTheInput() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> strict().readValue("{\"limit\": secret-token}", Paging.class));
        String detail = JsonProblems.of(e).getMessage();
        assertTrue(detail.startsWith("the request body is not well-formed JSON (line 1, column "), detail);
        assertFalse(detail.contains("secret"), detail);
    }

    @Test
    void anEnormousDuplicatedFieldNameIsShortened() {
        String name = "x".repeat(500);
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> strict().readTree("{\"" + name + "\":1,\"" + name + "\":2}"));
        assertTrue(JsonProblems.of(e).getMessage().length() < 150, JsonProblems.of(e).getMessage());
    }
}
