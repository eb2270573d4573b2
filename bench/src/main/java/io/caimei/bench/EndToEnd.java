package io.caimei.bench;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Sustained events per second through ingest → scoring → ranking at a fixed offered rate, and freshness: from a
 * marker event's 202 until the marker is ranked on its board.
 */
final class EndToEnd {

    private static final int TICK_MS = 100;
    private static final int MARKER_EVERY_TICKS = 2;

    private final Ctx c;
    private final Results.Section s;
    /** Event and marker numbers run on across the steps, so no two loads share an event id or a marker entity. */
    private final AtomicLong eventNo = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger markerSeq = new java.util.concurrent.atomic.AtomicInteger();

    EndToEnd(Ctx c) {
        this.c = c;
        this.s = c.results.section("e2e", "2b. End to end: sustained rate and freshness (ingest → scoring → ranking)");
    }

    /** A posted marker: when ingest answered 202 for its batch. */
    private record Marker(int seq, String entity, long acceptedNanos) {
    }

    /** What one fixed-rate load measured. */
    private record Outcome(int rate, int seconds, double window, double offeredWindow, double acceptedRate,
            double appliedRate, long failed, List<double[]> lags, long markersPosted, long pollQueries) {

        Stats.Summary freshness() {
            return Stats.of(lags.stream().mapToDouble(l -> l[1]).toArray());
        }

        /** p50 freshness (ms) of the markers posted in the last third of the window: a growing lag shows here. */
        double lastThirdP50() {
            return Stats.of(lags.stream().filter(l -> l[0] >= 2 * window / 3).mapToDouble(l -> l[1]).toArray()).p50();
        }

        /**
         * Sustained: ingest accepted what was offered (95 %), the scorer applied it within the window (95 %), every
         * marker was ranked, and freshness late in the step stayed under {@link #DRAINED_MS}: the lag drains.
         */
        boolean sustained() {
            double p50 = lastThirdP50();
            return acceptedRate >= 0.95 * rate && appliedRate >= 0.95 * acceptedRate && failed == 0
                    && freshness().count() == markersPosted && !Double.isNaN(p50) && p50 <= DRAINED_MS;
        }
    }

    /** A step whose late markers take longer than this to be ranked has a lag that is not draining. */
    private static final double DRAINED_MS = 2000;

    void run() throws Exception {
        List<Integer> steps = c.o.e2eSteps;
        int best = -1;
        if (!steps.isEmpty()) {
            s.notes.add(String.format(Locale.ROOT, "Step table: the same load at %s events/s for %d s each, in "
                    + "that order, stopping after the first step that is not sustained. A step is sustained when ingest "
                    + "accepted at least 95 %% of the offered rate without a failed request, the scorer applied at least "
                    + "95 %% of it within the step, every marker was ranked, and the markers of the step's last third "
                    + "were ranked within %.0f ms (p50): the lag drains rather than grows. The fixed-rate row below then "
                    + "runs at the highest sustained step.", steps.stream().map(r -> String.format(Locale.ROOT, "%,d", r))
                    .toList(), c.o.e2eStepSeconds, DRAINED_MS));
            for (int rate : steps) {
                Outcome o = runAt(rate, c.o.e2eStepSeconds, 20);
                Stats.Summary f = o.freshness();
                boolean ok = o.sustained();
                c.results.add(s, new Results.Row("e2e.step." + rate, String.format(Locale.ROOT,
                        "Step: offered %,d events/s for %d s", rate, o.seconds()), o.acceptedRate(), "events/s", null,
                        null, null, null, String.format(Locale.ROOT, "%s; applied by the scorer %,.0f events/s; "
                                + "freshness p50 %s ms, p99 %s ms (last third p50 %s ms); %d of %d markers ranked; "
                                + "%d failed requests", ok ? "**sustained**" : "**not sustained**", o.appliedRate(),
                                Results.num(f.p50()), Results.num(f.p99()), Results.num(o.lastThirdP50()), f.count(),
                                o.markersPosted(), o.failed()), null));
                System.out.printf(Locale.ROOT, "[bench] e2e step %,d/s: accepted %,.0f/s, applied %,.0f/s, p99 %s ms: %s%n",
                        rate, o.acceptedRate(), o.appliedRate(), Results.num(f.p99()), ok ? "sustained" : "not sustained");
                if (!ok) {
                    break;
                }
                best = rate;
            }
        }
        int rate = c.o.e2eRate != null ? c.o.e2eRate : best > 0 ? best : chooseRate();
        int seconds = c.o.e2eSeconds;
        int perTick = Math.max(1, Math.round(rate * TICK_MS / 1000f));
        s.notes.add(String.format(Locale.ROOT, "Posts %,d events/s (%s) straight to ingest for %d s: every %d ms "
                + "%d events in batches of at most %d, from a pool of %d clients; every %d ms one event of the batch is a "
                + "marker, a new CONTENT entity `bench-<run>-m<n>`. Two pollers ask the ranking service "
                + "(`GET /v1/boards/%s/periods/%s/entities/<marker>?around=0`) for every pending marker in turn, "
                + "about every 25 ms plus the query time, until it is ranked: freshness is the time from the "
                + "marker's 202 to the first answer that ranks it (resolution: one polling pass). 'Applied' is "
                + "the scorer's counter over the same window.", rate, c.o.e2eRate != null ? "--e2e-rate"
                : best > 0 ? "the highest sustained step" : "auto: half the lower of the ingest and scoring rates "
                + "measured above, at most 20,000", seconds, TICK_MS, perTick, c.o.batch, c.o.clients,
                TICK_MS * MARKER_EVERY_TICKS, Ctx.BOARD, c.day));
        Outcome o = runAt(rate, seconds, 60);
        Double pp = c.results.value(Limits.KAFKA_PP);
        c.results.add(s, new Results.Row("e2e.accepted", "End to end: accepted at a fixed offered rate",
                o.acceptedRate(), "events/s", "Kafka durable produce", pp, "records/s",
                Results.ratioOf(o.acceptedRate(), pp), String.format(Locale.ROOT, "offered %,d/s for %d s; last batch "
                        + "answered %.1f s after the start (offered window %.1f s); %d failed requests; applied by the "
                        + "scorer in the same window %,.0f events/s", rate, seconds, o.window(), o.offeredWindow(),
                        o.failed(), o.appliedRate()),
                null));
        Stats.Summary f = o.freshness();
        long unseen = o.markersPosted() - f.count();
        c.results.add(s, new Results.Row("e2e.freshness.p50", "Freshness p50 (202 → ranked on its board)", f.p50(),
                "ms", null, null, null, null, String.format(Locale.ROOT, "%d of %d markers seen; %s; %,d polling "
                        + "queries", f.count(), o.markersPosted(), thirds(o.lags(), o.window()), o.pollQueries()),
                null));
        c.results.add(s, new Results.Row("e2e.freshness.p99", "Freshness p99", f.p99(), "ms", null, null, null, null,
                String.format(Locale.ROOT, "max %.0f ms, mean %.0f ms", f.max(), f.mean()), null));
        if (unseen > 0) {
            c.results.warn(unseen + " markers were not ranked within 60 s after the load");
        }
    }

    /** Offers {@code rate} events/s for {@code seconds}; waits at most {@code drainSeconds} for unranked markers. */
    private Outcome runAt(int rate, int seconds, int drainSeconds) throws Exception {
        int perTick = Math.max(1, Math.round(rate * TICK_MS / 1000f));
        int ticks = seconds * 1000 / TICK_MS;
        Scoring sc = new Scoring(c);
        sc.waitIdle();
        ExecutorService pool = Executors.newFixedThreadPool(c.o.clients);
        Map<Integer, Marker> pending = new ConcurrentHashMap<>();
        List<double[]> lags = Collections.synchronizedList(new ArrayList<>());
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong markersPosted = new AtomicLong();
        AtomicLong pollQueries = new AtomicLong();
        String url = c.o.ingest + "/v1/events";
        c.ingestToken.get();
        c.analystToken.get();
        double applied0 = c.appliedCounter();
        long t0 = System.nanoTime();
        AtomicLong loadEnd = new AtomicLong(Long.MAX_VALUE);
        List<Thread> pollers = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int share = p;
            Thread th = new Thread(() -> poll(share, pending, lags, t0, loadEnd, pollQueries, drainSeconds),
                    "marker-poller-" + p);
            pollers.add(th);
            th.start();
        }
        for (int k = 0; k < ticks; k++) {
            long due = t0 + (long) k * TICK_MS * 1_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
            }
            boolean marker = k % MARKER_EVERY_TICKS == 0;
            for (int from = 0; from < perTick; from += c.o.batch) {
                int size = Math.min(c.o.batch, perTick - from);
                boolean withMarker = marker && from == 0;
                // marker entities are new per run and per step: a marker seq is unique across the run
                int seq = withMarker ? markerSeq.getAndIncrement() : -1;
                pool.submit(() -> {
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    StringBuilder body = new StringBuilder(size * 260).append('[');
                    String markerId = "bench-" + c.runId + "-m" + seq;
                    for (int i = 0; i < size; i++) {
                        long n = eventNo.getAndIncrement();
                        if (i > 0) {
                            body.append(',');
                        }
                        String entity = withMarker && i == 0 ? markerId : "bench-c" + rnd.nextInt(c.o.entities);
                        Ctx.canonical(body, "bench-" + c.runId + "-e-" + n, entity, c.occurredAt(n),
                                "viewer-" + rnd.nextInt(1000));
                    }
                    body.append(']');
                    try {
                        HttpResponse<String> r = c.http.postJson(url, c.ingestToken, body.toString());
                        if (r.statusCode() == 202) {
                            long now = System.nanoTime();
                            JsonNode j = Http.JSON.readTree(r.body());
                            accepted.addAndGet(j.path("accepted").asLong());
                            if (withMarker) {
                                markersPosted.incrementAndGet();
                                pending.put(seq, new Marker(seq, markerId, now));
                            }
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                });
            }
        }
        long offeredEnd = System.nanoTime();
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        long postedEnd = System.nanoTime();
        double applied1 = c.appliedCounter();
        loadEnd.set(postedEnd);
        for (Thread th : pollers) {
            th.join();
        }
        double window = (postedEnd - t0) / 1e9;
        List<double[]> seen;
        synchronized (lags) {
            seen = List.copyOf(lags);
        }
        return new Outcome(rate, seconds, window, (offeredEnd - t0) / 1e9, accepted.get() / window,
                (applied1 - applied0) / window, failed.get(), seen, markersPosted.get(), pollQueries.get());
    }

    /** p50 of markers posted in the first and in the last third of the window: does lag grow under the load? */
    private static String thirds(List<double[]> lags, double window) {
        List<Double> first = new ArrayList<>();
        List<Double> last = new ArrayList<>();
        synchronized (lags) {
            for (double[] l : lags) {
                if (l[0] < window / 3) {
                    first.add(l[1]);
                } else if (l[0] >= 2 * window / 3) {
                    last.add(l[1]);
                }
            }
        }
        double a = Stats.of(first.stream().mapToDouble(Double::doubleValue).toArray()).p50();
        double b = Stats.of(last.stream().mapToDouble(Double::doubleValue).toArray()).p50();
        return String.format(Locale.ROOT, "p50 %s ms in the first third, %s ms in the last third", Results.num(a),
                Results.num(b));
    }

    private void poll(int share, Map<Integer, Marker> pending, List<double[]> lags, long t0, AtomicLong loadEnd,
            AtomicLong queries, int drainSeconds) {
        while (true) {
            long now = System.nanoTime();
            long end = loadEnd.get();
            if (end != Long.MAX_VALUE && (pending.isEmpty() || now - end > drainSeconds * 1e9)) {
                return;
            }
            List<Marker> mine = new ArrayList<>();
            for (Marker m : pending.values()) {
                if (m.seq() % 2 == share) {
                    mine.add(m);
                }
            }
            mine.sort((x, y) -> Integer.compare(x.seq(), y.seq()));
            for (Marker m : mine) {
                try {
                    HttpResponse<String> r = c.http.get(c.o.ranking + "/v1/boards/" + Ctx.BOARD + "/periods/" + c.day
                            + "/entities/" + m.entity() + "?around=0", c.analystToken);
                    queries.incrementAndGet();
                    if (r.statusCode() == 200) {
                        long seen = System.nanoTime();
                        pending.remove(m.seq());
                        lags.add(new double[] { (m.acceptedNanos() - t0) / 1e9, (seen - m.acceptedNanos()) / 1e6 });
                    }
                } catch (Exception e) {
                    // try again next pass
                }
            }
            Ctx.sleep(25);
        }
    }

    private int chooseRate() {
        if (c.o.e2eRate != null) {
            return c.o.e2eRate;
        }
        Double ingest = c.results.value(Ingest.DIRECT_LIVE);
        Double scoring = c.results.value(Scoring.BACKLOG_LIVE);
        double base = Math.min(ingest == null ? 4000 : ingest, scoring == null ? Double.MAX_VALUE : scoring);
        int r = (int) (Math.round(base / 2 / 100.0) * 100);
        return Math.max(200, Math.min(20_000, r));
    }
}
