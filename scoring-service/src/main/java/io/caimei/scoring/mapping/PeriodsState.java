package io.caimei.scoring.mapping;

import java.util.List;
import java.util.SortedSet;

/**
 * The watermark ({@code ""} before the first event: the slowest active channel's), each channel's own, and every
 * closed period, oldest first.
 */
public record PeriodsState(String watermark, List<ChannelWatermark> channels, SortedSet<String> closed) {
}
