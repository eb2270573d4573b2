package io.caimei.common.rest;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/**
 * Finds which path, query, header or cookie parameter of a resource method holds a value its Java type cannot take
 * ({@code ?limit=abc} for an {@code Integer}). The REST layer reports such a failure only as a bare 404 or 400
 * without the parameter's name, so the name is found again by checking the request's raw values.
 */
final class ParameterProblems {

    /** The raw values the request sent for one parameter; empty when it sent none. */
    @FunctionalInterface
    interface RawValues {
        List<String> of(String where, String name);
    }

    private ParameterProblems() {
    }

    /** The detail of a 400 {@code invalid-parameter} problem naming the first unconvertible parameter, if any. */
    static Optional<String> find(Method method, RawValues raw) {
        for (Parameter p : method.getParameters()) {
            String[] source = source(p);
            if (source == null) {
                continue;
            }
            Class<?> type = elementType(p);
            Predicate<String> fits = fits(type);
            if (fits == null) {
                continue;
            }
            List<String> values = raw.of(source[0], source[1]);
            for (String v : values == null ? List.<String>of() : values) {
                if (!fits.test(v)) {
                    return Optional.of(source[0] + " parameter '" + source[1] + "' must be " + expectation(type));
                }
            }
        }
        return Optional.empty();
    }

    /** {where, name} of a parameter bound from the request, or null for a body or context parameter. */
    private static String[] source(Parameter p) {
        for (Annotation a : p.getAnnotations()) {
            if (a instanceof QueryParam q) {
                return new String[] { "query", q.value() };
            } else if (a instanceof PathParam q) {
                return new String[] { "path", q.value() };
            } else if (a instanceof HeaderParam q) {
                return new String[] { "header", q.value() };
            } else if (a instanceof CookieParam q) {
                return new String[] { "cookie", q.value() };
            }
        }
        return null;
    }

    /** The type each value converts to: the element type of a List or Set parameter. */
    private static Class<?> elementType(Parameter p) {
        if (Collection.class.isAssignableFrom(p.getType())
                && p.getParameterizedType() instanceof ParameterizedType generic) {
            Type arg = generic.getActualTypeArguments()[0];
            return arg instanceof Class<?> c ? c : Object.class;
        }
        return p.getType();
    }

    /** How a raw value is checked against a numeric type; null for types this check leaves alone. */
    private static Predicate<String> fits(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return parses(Integer::parseInt);
        } else if (type == long.class || type == Long.class) {
            return parses(Long::parseLong);
        } else if (type == short.class || type == Short.class) {
            return parses(Short::parseShort);
        } else if (type == byte.class || type == Byte.class) {
            return parses(Byte::parseByte);
        } else if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return parses(Double::parseDouble);
        } else if (type == BigDecimal.class) {
            return parses(BigDecimal::new);
        } else if (type == BigInteger.class) {
            return parses(BigInteger::new);
        }
        return null;
    }

    private static Predicate<String> parses(Function<String, ?> parser) {
        return v -> {
            try {
                parser.apply(v);
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        };
    }

    private static String expectation(Class<?> type) {
        boolean whole = type != double.class && type != Double.class && type != float.class && type != Float.class
                && type != BigDecimal.class;
        return whole ? "a whole number" : "a number";
    }
}
