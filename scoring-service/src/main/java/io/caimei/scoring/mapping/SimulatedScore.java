package io.caimei.scoring.mapping;

/** An entity's index under a candidate profile. */
public record SimulatedScore(String entityId, double index) {
}
