package io.caimei.scoring.mapping;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * Score these entities in a period under candidate weights, changing nothing live. {@code weights} may be partial:
 * the rest come from the active version of the board's profile ({@code boardId}, optional: without it, the profile
 * that scores the entities' type).
 */
public record SimulationRequest(String period,
        @JsonDeserialize(using = WeightsDeserializer.class) Map<String, Object> weights,
        List<String> entityIds,
        String boardId) {
}
