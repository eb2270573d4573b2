package io.caimei.common.rest;

import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.handlers.ClassRoutingHandler;
import org.jboss.resteasy.reactive.server.handlers.RestInitialHandler.InitialMatch;
import org.jboss.resteasy.reactive.server.mapping.RequestMapper;
import org.jboss.resteasy.reactive.server.mapping.RuntimeResource;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

/**
 * The methods the REST resources serve at a request's path, for the {@code Allow} header a 405 must carry (RFC 9110
 * section 15.5.6): the REST layer refuses a wrong method without one. Matches the path the way its router does;
 * these are internal types of the REST layer, so any failure leaves the header out rather than failing the answer.
 */
final class AllowedMethods {

    private static final Logger LOG = Logger.getLogger(AllowedMethods.class);

    private AllowedMethods() {
    }

    /** {@code "GET, HEAD, OPTIONS"} and the like, or empty when the path cannot be matched again. */
    static Optional<String> at(ServerRequestContext request) {
        try {
            if (!(request instanceof ResteasyReactiveRequestContext context)) {
                return Optional.empty();
            }
            RequestMapper<InitialMatch> classes = new RequestMapper<>(context.getDeployment().getClassMappers());
            TreeSet<String> methods = new TreeSet<>();
            RequestMapper.RequestMatch<InitialMatch> match = classes.map(context.getPathWithoutPrefix());
            while (match != null) {
                String remaining = match.remaining == null || match.remaining.isEmpty() ? "/" : match.remaining;
                for (ServerRestHandler handler : match.value.handlers) {
                    if (handler instanceof ClassRoutingHandler routing) {
                        for (Map.Entry<String, RequestMapper<RuntimeResource>> m : routing.getMappers().entrySet()) {
                            if (m.getKey() != null && m.getValue().map(remaining) != null) {
                                methods.add(m.getKey());
                            }
                        }
                    }
                }
                match = classes.continueMatching(context.getPathWithoutPrefix(), match);
            }
            if (methods.isEmpty()) {
                return Optional.empty();
            }
            // served by the REST layer for every resource: HEAD with GET, and OPTIONS
            if (methods.contains("GET")) {
                methods.add("HEAD");
            }
            methods.add("OPTIONS");
            return Optional.of(String.join(", ", methods));
        } catch (RuntimeException | LinkageError e) {
            LOG.debugf("the methods allowed at this path could not be listed: %s", e.toString());
            return Optional.empty();
        }
    }
}
