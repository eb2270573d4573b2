package io.caimei.demo;

import java.io.PrintStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.caimei.demo.client.Gateway;
import io.caimei.demo.client.TokenSource;
import io.caimei.demo.generate.Batcher;

/**
 * Posts batches in the order they are handed over with a small number of requests in flight, counts accepted,
 * duplicate and rejected records, and stops taking work after the first failure.
 */
final class EventPoster implements AutoCloseable {

    private static final int REJECTIONS_SHOWN = 10;

    private final Gateway gateway;
    private final TokenSource token;
    private final Progress progress;
    private final PrintStream log;
    private final int concurrency;
    private final Semaphore inFlight;
    private final ExecutorService pool;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong attributed = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    private final AtomicLong lastTime = new AtomicLong();

    EventPoster(Gateway gateway, TokenSource token, int concurrency, Progress progress, PrintStream log) {
        this.gateway = gateway;
        this.token = token;
        this.progress = progress;
        this.log = log;
        this.concurrency = concurrency;
        this.inFlight = new Semaphore(concurrency);
        this.pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "demo-poster");
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues a batch; blocks while {@code concurrency} requests are in flight; rethrows an earlier failure. */
    void post(Batcher.Batch batch) {
        check();
        inFlight.acquireUninterruptibly();
        check();
        String body = batch.body();
        pool.execute(() -> {
            try {
                Gateway.IngestResult r = gateway.postEvents(token, batch.channel().name(),
                        batch.channel().contentType(), body);
                requests.incrementAndGet();
                accepted.addAndGet(r.accepted());
                duplicates.addAndGet(r.duplicates());
                attributed.addAndGet(r.attributed());
                long before = rejected.getAndAdd(r.rejections().size());
                for (int i = 0; i < r.rejections().size() && before + i < REJECTIONS_SHOWN; i++) {
                    log.println(System.lineSeparator() + "rejected by ingest (" + batch.channel() + "): "
                            + r.rejections().get(i));
                }
                lastTime.accumulateAndGet(batch.lastMilli(), Math::max);
                progress.update(sent.addAndGet(batch.events().size()), lastTime.get(), false);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                inFlight.release();
            }
        });
    }

    /** Waits for every request in flight; rethrows the first failure. */
    void drain() {
        inFlight.acquireUninterruptibly(concurrency);
        inFlight.release(concurrency);
        check();
    }

    long lastTime() {
        return lastTime.get();
    }

    private void check() {
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
