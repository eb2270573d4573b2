package io.caimei.scoring.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.events.CanonicalEvent;
import io.caimei.scoring.config.ScoringConfig;
import io.caimei.scoring.repository.SeenIdRepository;

/**
 * Recognises a second copy of an event in the events log. Ingest may write an event twice when a client retries a
 * request whose first attempt reached Kafka but failed or crashed before confirming; both copies land on the same
 * partition (keyed by entity). The rule depends only on the log, so a rebuild decides exactly as live scoring did:
 * a record is a copy when the same (source, event id, entity) appeared earlier on the partition within one
 * neighbouring bucket of Kafka record time (buckets of the dedupe window).
 */
@ApplicationScoped
public class LogDedupe {

    /** One digest per thread: looking the algorithm up for every event cost more than hashing it. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final SeenIdRepository seen;
    private final long windowMillis;

    public LogDedupe(SeenIdRepository seen, ScoringConfig config) {
        this.seen = seen;
        this.windowMillis = config.scoring().dedupeWindow().toMillis();
    }

    /** A compact, fixed-size id (96 bits of SHA-256); null when the event carries no id and cannot be deduped. */
    public static String id(CanonicalEvent e) {
        if (e.eventId() == null) {
            return null;
        }
        byte[] h = SHA256.get().digest((e.source() + "\u0000" + e.eventId() + "\u0000"
                    + e.entityType() + "\u0000" + e.entityId()).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(h, 12));
    }

    /** The dedupe-window bucket of a Kafka record time. */
    public long bucket(long recordMillis) {
        return Math.floorDiv(recordMillis, windowMillis);
    }

    /**
     * For records of one partition in offset order (ids may be null), true at i when record i is a copy of an
     * earlier record: one already remembered in Redis, or an earlier one of the same batch.
     */
    public boolean[] copies(int partition, long[] buckets, List<String> ids) {
        return start(partition, buckets, ids).await();
    }

    /** {@link #copies} with the Redis check sent now; {@link Copies#await()} takes the answer. */
    public Copies start(int partition, long[] buckets, List<String> ids) {
        List<Integer> withId = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) != null) {
                withId.add(i);
            }
        }
        return new Copies(buckets, ids, withId, seen.start(partition,
                withId.stream().mapToLong(i -> buckets[i]).toArray(), withId.stream().map(ids::get).toList()));
    }

    /** A copy check on its way. */
    public record Copies(long[] buckets, List<String> ids, List<Integer> withId, SeenIdRepository.Seen seen) {

        /** True at i when record i is a copy. */
        public boolean[] await() {
            boolean[] known = seen.await();
            boolean[] copy = new boolean[ids.size()];
            Map<String, Long> earlier = new HashMap<>();
            for (int k = 0; k < withId.size(); k++) {
                int i = withId.get(k);
                Long before = earlier.put(ids.get(i), buckets[i]);
                copy[i] = known[k] || (before != null && Math.abs(before - buckets[i]) <= 1);
            }
            return copy;
        }
    }
}
