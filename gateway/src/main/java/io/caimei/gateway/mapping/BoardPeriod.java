package io.caimei.gateway.mapping;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One of a board's periods as the ranking service lists it (only what the gateway reads). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BoardPeriod(String period, boolean closed) {
}
