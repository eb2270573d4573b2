package io.caimei.common.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.junit.jupiter.api.Test;

/** The parameter whose value did not convert is named, with what it must be; the others are left alone. */
class ParameterProblemsTest {

    /** A resource method shaped like the board page routes. */
    @SuppressWarnings("unused")
    static void page(@PathParam("boardId") String board, @QueryParam("offset") int offset,
            @QueryParam("limit") Integer limit, @QueryParam("weight") Double weight,
            @QueryParam("ids") List<Long> ids, @HeaderParam("If-None-Match") String tag) {
    }

    private static Optional<String> check(Map<String, List<String>> query) throws NoSuchMethodException {
        Method page = ParameterProblemsTest.class.getDeclaredMethod("page", String.class, int.class, Integer.class,
                Double.class, List.class, String.class);
        return ParameterProblems.find(page, (where, name) -> where.equals("query") ? query.get(name)
                : where.equals("path") ? List.of("music") : List.of("\"etag\""));
    }

    @Test
    void aNonNumericLimitIsNamed() throws NoSuchMethodException {
        assertEquals(Optional.of("query parameter 'limit' must be a whole number"),
                check(Map.of("offset", List.of("0"), "limit", List.of("abc"))));
    }

    @Test
    void aFractionForAPrimitiveIntIsNamed() throws NoSuchMethodException {
        assertEquals(Optional.of("query parameter 'offset' must be a whole number"),
                check(Map.of("offset", List.of("1.5"))));
    }

    @Test
    void aBadElementOfAListAndABadDecimalAreNamed() throws NoSuchMethodException {
        assertEquals(Optional.of("query parameter 'ids' must be a whole number"),
                check(Map.of("ids", List.of("1", "two"))));
        assertEquals(Optional.of("query parameter 'weight' must be a number"),
                check(Map.of("weight", List.of("heavy"))));
    }

    @Test
    void valuesThatConvertAndStringsNameNothing() throws NoSuchMethodException {
        assertEquals(Optional.empty(),
                check(Map.of("offset", List.of("-3"), "limit", List.of("20"), "weight", List.of("1e3"))));
    }
}
