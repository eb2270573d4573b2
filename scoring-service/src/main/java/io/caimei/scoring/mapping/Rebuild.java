package io.caimei.scoring.mapping;

/** The answer to a rebuild: the replay has started, after this many Redis keys were deleted. */
public record Rebuild(boolean rebuilding, long deletedKeys) {
}
