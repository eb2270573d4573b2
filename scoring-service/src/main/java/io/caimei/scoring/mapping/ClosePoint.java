package io.caimei.scoring.mapping;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Where each partition stood when a period closed: its applied offset then; later offsets are late for it. */
public record ClosePoint(Map<Integer, Long> appliedOffsets) {

    public ClosePoint {
        // in partition order, so the stored form reads 0=..,1=..
        appliedOffsets = Collections.unmodifiableMap(new TreeMap<>(appliedOffsets));
    }

    /** True when a record at this offset came after the close and must not count for the period. */
    public boolean isLate(int partition, long offset) {
        return offset > appliedOffsets.getOrDefault(partition, -1L);
    }
}
