package io.caimei.gateway.mapping;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A board page from the ranking service, reduced to what the rank history reads. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RankedPage(List<Ranked> entries) {

    public RankedPage {
        entries = entries == null ? List.of() : entries;
    }

    /** One entry's id, rank and score. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ranked(String entityId, Integer rank, Double score) {
    }
}
