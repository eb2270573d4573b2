package io.caimei.scoring.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.events.CanonicalEvent;

/** Gathers the records a batch did not count and sends them to the dead-letter topic before its offsets commit. */
@ApplicationScoped
public class DeadLetters {

    private final ScorePublisher publisher;
    /** By partition: partitions of one poll are applied side by side, and each sends only its own letters. */
    private final Map<Integer, List<DeadLetter>> pending = new HashMap<>();

    public DeadLetters(ScorePublisher publisher) {
        this.publisher = publisher;
    }

    public synchronized void late(int partition, CanonicalEvent e, String period) {
        pending.computeIfAbsent(partition, p -> new ArrayList<>()).add(DeadLetter.late(e, period));
    }

    public synchronized void unreadable(String topic, int partition, long offset, String detail) {
        pending.computeIfAbsent(partition, p -> new ArrayList<>())
                .add(DeadLetter.unreadable(topic, partition, offset, detail));
    }

    /** Forgets what was gathered: the consumer stopped mid-batch and will read those records again. */
    public synchronized void discard() {
        pending.clear();
    }

    /** Sends what was gathered for the partition and waits for the broker's acknowledgement. */
    public void flush(int partition) {
        List<DeadLetter> letters;
        synchronized (this) {
            letters = pending.remove(partition);
        }
        if (letters != null && !letters.isEmpty()) {
            publisher.publishDeadLetters(letters);
        }
    }
}
