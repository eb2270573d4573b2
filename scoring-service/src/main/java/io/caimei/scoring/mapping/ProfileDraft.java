package io.caimei.scoring.mapping;

import java.util.Map;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/** A candidate profile: a name and a weight for every node (C1, C2, D1..D4, E1..E13), read as exact decimals. */
public record ProfileDraft(String name,
        @JsonDeserialize(using = WeightsDeserializer.class) Map<String, Object> weights) {
}
