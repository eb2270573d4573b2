package io.caimei.scoring.mapping;

import java.util.Map;

/** A candidate profile: a name and a weight for every node (C1, C2, D1..D4, E1..E13). */
public record ProfileDraft(String name, Map<String, Double> weights) {
}
