package io.caimei.scoring.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.events.CanonicalEvent;

/** Gathers the records a batch did not count and sends them to the dead-letter topic before its offsets commit. */
@ApplicationScoped
public class DeadLetters {

    private final ScorePublisher publisher;
    private final List<DeadLetter> pending = new ArrayList<>();

    public DeadLetters(ScorePublisher publisher) {
        this.publisher = publisher;
    }

    public synchronized void late(CanonicalEvent e, String period) {
        pending.add(DeadLetter.late(e, period));
    }

    public synchronized void unreadable(String topic, int partition, long offset, String detail) {
        pending.add(DeadLetter.unreadable(topic, partition, offset, detail));
    }

    /** Forgets what was gathered: the consumer stopped mid-batch and will read those records again. */
    public synchronized void discard() {
        pending.clear();
    }

    /** Sends what was gathered and waits for the broker's acknowledgement. */
    public void flush() {
        List<DeadLetter> letters;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            letters = new ArrayList<>(pending);
            pending.clear();
        }
        publisher.publishDeadLetters(letters);
    }
}
