package io.caimei.gateway.mapping;

/** An entity's standing in one period of its rank history; rank and score are null where it was not ranked. */
public record RankPoint(String period, boolean closed, Integer rank, Double score) {
}
