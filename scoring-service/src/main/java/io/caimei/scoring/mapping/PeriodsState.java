package io.caimei.scoring.mapping;

import java.util.SortedSet;

/** The watermark ({@code ""} before the first event) and every closed period, oldest first. */
public record PeriodsState(String watermark, SortedSet<String> closed) {
}
