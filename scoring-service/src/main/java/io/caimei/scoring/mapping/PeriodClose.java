package io.caimei.scoring.mapping;

/** The answer to an admin's close: the period is closed now; {@code alreadyClosed} when it was before. */
public record PeriodClose(String period, boolean closed, boolean alreadyClosed) {
}
