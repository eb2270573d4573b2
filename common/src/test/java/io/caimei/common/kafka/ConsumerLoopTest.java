package io.caimei.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The hand-run consumer lifecycle: a failed batch is read again by a fresh consumer, and stop ends the thread. */
class ConsumerLoopTest {

    private static final TopicPartition PARTITION = new TopicPartition("caimei.events.v1", 0);
    private static final ConsumerLoop.Timing FAST = new ConsumerLoop.Timing(Duration.ofMillis(5),
            Duration.ofMillis(50), Duration.ofSeconds(5));

    /** Every consumer it makes sees the same three uncommitted records, as Kafka would show them after a restart. */
    private final List<MockConsumer<String, String>> made = new CopyOnWriteArrayList<>();

    private Consumer<String, String> newConsumer() {
        MockConsumer<String, String> c = new MockConsumer<>("earliest");
        made.add(c);
        return c;
    }

    /** Assigns the partition and fills it; the handler's {@code handle} decides what happens to each poll. */
    private abstract static class ThreeRecords implements ConsumerLoop.Handler {
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public void subscribe(Consumer<String, String> consumer) {
            MockConsumer<String, String> mock = (MockConsumer<String, String>) consumer;
            mock.assign(List.of(PARTITION));
            mock.updateBeginningOffsets(Map.of(PARTITION, 0L));
            for (long o = 0; o < 3; o++) {
                mock.addRecord(new ConsumerRecord<>(PARTITION.topic(), 0, o, "k", "v" + o));
            }
        }

        @Override
        public void closed() {
            closed.incrementAndGet();
        }
    }

    @Test
    void aBatchThatFailsIsHandledAgainByAFreshConsumerAfterThePause() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        List<Long> handled = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        ThreeRecords handler = new ThreeRecords() {
            @Override
            public void handle(Consumer<String, String> consumer, ConsumerRecords<String, String> records) {
                if (attempts.incrementAndGet() == 1) {
                    throw new IllegalStateException("Redis is not reachable right now");
                }
                records.forEach(r -> handled.add(r.offset()));
                done.countDown();
            }
        };
        ConsumerLoop loop = new ConsumerLoop("test-consumer", this::newConsumer, handler, FAST);
        loop.start();
        try {
            assertTrue(done.await(10, TimeUnit.SECONDS), "the batch was never handled after the failure");
            assertEquals(List.of(0L, 1L, 2L), handled);
            assertEquals(2, made.size(), "one consumer failed, a fresh one took over");
            assertTrue(made.get(0).closed(), "the failed consumer is closed, so its partitions go back");
            assertTrue(loop.healthy(), "healthy again once the fresh consumer polls");
        } finally {
            loop.stop();
        }
        assertTrue(made.get(1).closed());
        assertEquals(2, handler.closed.get());
    }

    @Test
    void stopWakesThePollClosesTheConsumerAndStartsNoOther() throws Exception {
        CountDownLatch polled = new CountDownLatch(3);
        ThreeRecords handler = new ThreeRecords() {
            @Override
            public void handle(Consumer<String, String> consumer, ConsumerRecords<String, String> records) {
            }

            @Override
            public void afterPoll() {
                polled.countDown();
            }
        };
        ConsumerLoop loop = new ConsumerLoop("test-consumer", this::newConsumer, handler, FAST);
        assertFalse(loop.healthy(), "not healthy before the first poll");
        loop.start();
        assertTrue(polled.await(10, TimeUnit.SECONDS));
        loop.stop();
        assertEquals(1, made.size());
        assertTrue(made.get(0).closed());
        assertEquals(1, handler.closed.get());
    }
}
