package io.caimei.gateway.service;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.caimei.events.EntityIds;
import io.caimei.events.Period;
import io.caimei.events.PhoneNumbers;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The audit trail: one JSON object per line on the logger category {@value #CATEGORY}, for every request the
 * gateway denies (401, 403, 429) and every admin action that succeeded. A line names who (the token's subject and
 * client, never the token or a header value), what (method, path without query string, or action and target ids)
 * and the outcome; request bodies, query strings and anything that looks like a phone number are never written.
 */
@ApplicationScoped
public class AuditLog {

    public static final String CATEGORY = "caimei.audit";
    public static final String ANONYMOUS = "anonymous";

    private static final Logger LOG = Logger.getLogger(CATEGORY);
    private static final int MAX_ROUTE = 256;
    private static final int MAX_TARGETS = 50;
    /** A run of 11 or more digits inside an otherwise harmless path segment may still be a mobile number. */
    private static final Pattern LONG_DIGITS = Pattern.compile("\\d{11,}");
    private static final String REDACTED = "[redacted]";

    private final ObjectMapper json;
    private final Caller caller;

    public AuditLog(ObjectMapper json, Caller caller) {
        this.json = json;
        this.caller = caller;
    }

    /** Who a denied request came from; {@code identity} is null when none was established (or it failed). */
    public record Who(String subject, String client) {

        static final Who NOBODY = new Who(ANONYMOUS, null);

        public static Who of(SecurityIdentity identity) {
            if (identity == null || identity.isAnonymous()) {
                return NOBODY;
            }
            if (identity.getPrincipal() instanceof JsonWebToken jwt) {
                String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
                Object azp = jwt.getClaim("azp");
                return new Who(subject == null ? ANONYMOUS : subject, azp == null ? null : azp.toString());
            }
            String name = identity.getPrincipal() == null ? null : identity.getPrincipal().getName();
            return new Who(name == null ? ANONYMOUS : name, null);
        }
    }

    /** Writes the line of a denied request: status 401, 403 or 429 and the problem type it answered. */
    public void denied(int status, String method, String path, Who who, String reason, String remote) {
        ObjectNode line = json.createObjectNode();
        line.put("event", "denied");
        line.put("status", status);
        line.put("method", method);
        line.put("route", route(path));
        line.put("subject", safe(who.subject()));
        putIfPresent(line, "client", safe(who.client()));
        line.put("reason", reason);
        putIfPresent(line, "remote", remote);
        write(line);
    }

    /**
     * Writes the line of an admin action when its answer is a success, and returns the answer unchanged.
     *
     * @param target the ids the action touched (a period, an entity, a profile name and version), or null
     */
    public Response admin(String action, String target, Response answer) {
        if (answer.getStatus() < 200 || answer.getStatus() >= 300) {
            return answer;
        }
        Who who = Who.of(caller.identity());
        ObjectNode line = json.createObjectNode();
        line.put("event", "admin");
        line.put("action", action);
        putIfPresent(line, "target", target);
        line.put("status", answer.getStatus());
        line.put("subject", safe(who.subject()));
        putIfPresent(line, "client", safe(who.client()));
        write(line);
        return answer;
    }

    /** {@code name/vN} of the profile version an answer describes ({name, version, ...}), or null. */
    public String profileVersionOf(Response answer) {
        JsonNode node = body(answer);
        if (node == null || !node.path("name").isTextual() || !node.path("version").canConvertToInt()) {
            return null;
        }
        String name = node.path("name").asText();
        return EntityIds.isValid(name) ? name + "/v" + node.path("version").asInt() : null;
    }

    /**
     * The ids of the entities a bulk catalog request names ([{id, ...}, ...]), comma-separated and capped; ids that
     * break the id rule (phone numbers among them) are left out.
     */
    public String entityIdsOf(byte[] request) {
        JsonNode node;
        try {
            node = json.readTree(request);
        } catch (IOException e) {
            return null;
        }
        if (node == null || !node.isArray()) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        int more = 0;
        for (JsonNode entity : node) {
            String id = entity.path("id").asText(null);
            if (id == null || !EntityIds.isValid(id)) {
                continue;
            }
            if (ids.size() < MAX_TARGETS) {
                ids.add(id);
            } else {
                more++;
            }
        }
        return String.join(",", ids) + (more > 0 ? ",+" + more + " more" : "");
    }

    /**
     * The path as logged: no query string (the caller passes the path alone), capped in length, and every segment
     * that is or contains something like a phone number replaced; periods such as 2024-02-14 stay readable.
     */
    static String route(String path) {
        if (path == null) {
            return null;
        }
        String capped = path.length() > MAX_ROUTE ? path.substring(0, MAX_ROUTE) : path;
        String[] segments = capped.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            segments[i] = segment(segments[i]);
        }
        return String.join("/", segments) + (capped.length() < path.length() ? "..." : "");
    }

    private static String segment(String raw) {
        String decoded = decode(raw);
        boolean phoneLike = PhoneNumbers.normalize(decoded).isPresent()
                || PhoneNumbers.looksLikePhone(decoded) && Period.parse(decoded).isEmpty();
        return phoneLike || LONG_DIGITS.matcher(decoded).find() ? REDACTED : raw;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    /** A subject or client id as logged: a value that looks like a phone number is not written. */
    private static String safe(String value) {
        return value != null && PhoneNumbers.looksLikePhone(value) ? REDACTED : value;
    }

    private JsonNode body(Response answer) {
        Object entity = answer.getEntity();
        try {
            if (entity instanceof byte[] bytes) {
                return json.readTree(bytes);
            }
            return entity == null ? null : json.valueToTree(entity);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static void putIfPresent(ObjectNode line, String key, String value) {
        Optional.ofNullable(value).ifPresent(v -> line.put(key, v));
    }

    private void write(ObjectNode line) {
        try {
            LOG.info(json.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            // a tree of strings and numbers always serializes; never let auditing fail a request
            LOG.warn("an audit line could not be written");
        }
    }
}
