package io.caimei.scoring.mapping;

/** The answer to an activation: the version now active and how many entity-periods were re-scored. */
public record Activation(String name, int version, String status, int rescored) {
}
