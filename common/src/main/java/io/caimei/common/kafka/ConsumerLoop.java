package io.caimei.common.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Runs one hand-run Kafka consumer on its own thread: creates it, lets the handler subscribe it, polls, and on any
 * failure (a store outage included) closes it and starts a fresh one after a pause; the fresh one resumes where the
 * handler's commits or rebalance listener put it, so a failed batch is read again. {@link #stop()} wakes the poll
 * and waits for the thread.
 */
public final class ConsumerLoop {

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);

    /** What the loop does with its consumer; the loop owns the thread, the polling, the wakeup and the restarts. */
    public interface Handler {

        /** Subscribes a freshly created consumer, with its rebalance listener if it needs one. */
        void subscribe(Consumer<String, String> consumer);

        /** Handles one non-empty poll and commits as the handler's delivery guarantee requires. */
        void handle(Consumer<String, String> consumer, ConsumerRecords<String, String> records);

        /** Runs after every poll, with records or without. */
        default void afterPoll() {
        }

        /** Runs whenever a consumer is closed (stop, failure): it owns no partitions any more. */
        default void closed() {
        }

        /** How a failure is logged; the class name only by default, since a message may quote a record. */
        default String describe(RuntimeException failure) {
            return failure.getClass().getSimpleName();
        }
    }

    /** How long a poll waits, how long to pause before a restart, how long {@link #stop()} waits for the thread. */
    public record Timing(Duration poll, Duration restartDelay, Duration stopTimeout) {
    }

    private final String name;
    private final Supplier<Consumer<String, String>> consumers;
    private final Handler handler;
    private final Timing timing;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Consumer<String, String> consumer;
    private volatile boolean healthy;
    private Thread thread;

    /**
     * {@code name} names the thread and the log lines; {@code consumers} makes a fresh consumer at every (re)start,
     * typically {@code () -> new KafkaConsumer<>(properties)}.
     */
    public ConsumerLoop(String name, Supplier<Consumer<String, String>> consumers, Handler handler, Timing timing) {
        this.name = name;
        this.consumers = consumers;
        this.handler = handler;
        this.timing = timing;
    }

    public synchronized void start() {
        running.set(true);
        thread = new Thread(this::run, name);
        thread.start();
    }

    public synchronized void stop() {
        running.set(false);
        Consumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(timing.stopTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True once a poll succeeded and until a failure; stays false while the consumer restarts. */
    public boolean healthy() {
        return healthy;
    }

    /** Commits, without waiting, that everything up to {@code lastOffset} of the partition is done. */
    public static void commitAsync(Consumer<String, String> consumer, TopicPartition partition, long lastOffset) {
        consumer.commitAsync(Map.of(partition, new OffsetAndMetadata(lastOffset + 1)), null);
    }

    private void run() {
        while (running.get()) {
            try (Consumer<String, String> c = consumers.get()) {
                consumer = c;
                handler.subscribe(c);
                while (running.get()) {
                    ConsumerRecords<String, String> records = c.poll(timing.poll());
                    healthy = true;
                    if (!records.isEmpty()) {
                        handler.handle(c, records);
                    }
                    handler.afterPoll();
                }
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                healthy = false;
                LOG.errorf("%s failed, restarting in %d ms: %s", name, timing.restartDelay().toMillis(),
                        handler.describe(e));
                if (!pause(timing.restartDelay())) {
                    return;
                }
            } finally {
                handler.closed();
            }
        }
    }

    /** False when interrupted: the thread is being torn down. */
    private static boolean pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
