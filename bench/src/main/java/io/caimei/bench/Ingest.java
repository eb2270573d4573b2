package io.caimei.bench;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

/** Accepted events per second over HTTP, in canonical batches, straight to ingest and through the gateway. */
final class Ingest {

    /** Ingest on its own: the scorer stopped while it is measured (the stage figure, like Kafka's own tool). */
    static final String DIRECT = "ingest.direct";
    static final String GATEWAY = "ingest.gateway";
    /** The same loads with the scorer consuming alongside on the same cores. */
    static final String DIRECT_LIVE = "ingest.direct.live";
    static final String GATEWAY_LIVE = "ingest.gateway.live";

    private final Ctx c;
    private final Results.Section s;

    Ingest(Ctx c) {
        this.c = c;
        this.s = c.results.section("ingest", "1. Ingest: accepted events per second over HTTP");
    }

    /** Totals of one load. */
    record Outcome(long accepted, long duplicates, long rejected, long failedRequests, long retries, double seconds,
            Stats.Summary latency) {
        double rate() {
            return accepted / seconds;
        }
    }

    void run() throws Exception {
        int n = c.o.ingestEvents;
        s.notes.add("Canonical batches of " + c.o.batch + " records (`E5` on `CONTENT` entities `bench-c0…bench-c"
                + (c.o.entities - 1) + "`, unique event ids per run, times inside " + c.day + " Asia/Shanghai) from "
                + c.o.clients + " concurrent clients with an `ingest` client-credentials token; a request counts when "
                + "ingest answers 202, i.e. after Kafka acknowledged every record (acks=all). Each load is "
                + "preceded by " + String.format(Locale.ROOT, "%,d", warmup(n)) + " unmeasured warm-up events to the "
                + "same target, so the services' JIT has compiled the path (a tenth of the load, at least 4 batches). The limit is Kafka's "
                + "own durable produce rate of 250-byte records measured above." + (c.o.gatewayNote.isEmpty() ? "" : " Gateway: " + c.o.gatewayNote));
        s.commands.add("curl -X POST " + c.o.ingest + "/v1/events -H 'Authorization: Bearer …' "
                + "-H 'Content-Type: application/json' -d '[{\"eventId\":\"…\",\"source\":\"bench\","
                + "\"channel\":\"MIGU_APP\",\"indicator\":\"E5\",\"entityType\":\"CONTENT\",\"entityId\":\"bench-c42\","
                + "\"occurredAt\":\"" + c.occurredAt(0) + "\",\"userKey\":\"viewer-1\",\"delta\":1}, …]'   # × "
                + (n / c.o.batch) + " batches, " + c.o.clients + " clients");
        Double pp = c.results.value(Limits.KAFKA_PP);
        String direct = c.o.ingest + "/v1/events";
        String gateway = c.o.gateway + "/api/v1/events";
        load(DIRECT_LIVE, "Ingest straight to ingest (POST /v1/events), scorer consuming alongside", direct, n, pp);
        load(GATEWAY_LIVE, "Ingest through the gateway (POST /api/v1/events), scorer consuming alongside", gateway,
                n, pp);
        if (c.o.scorerPid <= 0) {
            s.notes.add("No `--scorer-pid` was given, so ingest was not measured on its own.");
            return;
        }
        s.notes.add("Rows *on its own* are the stage figures: the scoring service (pid " + c.o.scorerPid + ") is "
                + "stopped with SIGSTOP for those two loads and continued with SIGCONT right after, so ingest has the "
                + "machine as Kafka's own tool had it when the limit was measured (nothing consumed its topic). On "
                + "two shared cores the scorer, consuming what ingest writes, otherwise takes about half the CPU: the "
                + "rows *scorer consuming alongside* show that. The scorer's Kafka session (45 s) outlasts the pause, "
                + "and it consumes the loads' events afterwards like any backlog.");
        try (Stopped stopped = Stopped.processes(c.o.scorerPid)) {
            load(DIRECT, "Ingest straight to ingest (POST /v1/events), on its own", direct, n, pp);
            load(GATEWAY, "Ingest through the gateway (POST /api/v1/events), on its own", gateway, n, pp);
        }
    }

    private void load(String id, String figure, String url, int n, Double pp) throws Exception {
        post(url, "w" + id.replace("ingest.", "").replace(".", ""), warmup(n), c.o.clients);
        Outcome r = post(url, id.replace("ingest.", "").replace(".", ""), n, c.o.clients);
        c.results.add(s, new Results.Row(id, figure, r.rate(), "events/s", "Kafka durable produce", pp,
                "records/s", Results.ratioOf(r.rate(), pp),
                String.format(Locale.ROOT, "%,d accepted, %,d duplicates, %,d rejected in %.1f s; batch latency "
                        + "p50 %.0f ms, p99 %.0f ms; %d failed requests, %d retries after 429/503", r.accepted(),
                        r.duplicates(), r.rejected(), r.seconds(), r.latency().p50(), r.latency().p99(),
                        r.failedRequests(), r.retries()),
                null));
        if (r.failedRequests() > 0) {
            c.results.warn(figure + ": " + r.failedRequests() + " requests failed");
        }
    }

    private int warmup(int n) {
        return Math.max(4 * c.o.batch, n / 10);
    }

    /** Posts {@code n} events in batches from {@code clients} threads; event ids carry the run id and a tag. */
    Outcome post(String url, String tag, int n, int clients) throws Exception {
        int batches = (n + c.o.batch - 1) / c.o.batch;
        AtomicInteger next = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        long[] latencies = new long[batches];
        AtomicInteger latencyCount = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < clients; t++) {
            Thread th = new Thread(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                int b;
                while ((b = next.getAndIncrement()) < batches) {
                    int from = b * c.o.batch;
                    int to = Math.min(n, from + c.o.batch);
                    StringBuilder body = new StringBuilder((to - from) * 260).append('[');
                    for (int i = from; i < to; i++) {
                        if (i > from) {
                            body.append(',');
                        }
                        Ctx.canonical(body, "bench-" + c.runId + "-" + tag + "-" + i,
                                "bench-c" + rnd.nextInt(c.o.entities), c.occurredAt(i), "viewer-" + rnd.nextInt(1000));
                    }
                    body.append(']');
                    String payload = body.toString();
                    for (int attempt = 0; attempt < 20; attempt++) {
                        long s0 = System.nanoTime();
                        try {
                            HttpResponse<String> r = c.http.postJson(url, c.ingestToken, payload);
                            long took = System.nanoTime() - s0;
                            if (r.statusCode() == 202) {
                                JsonNode j = Http.JSON.readTree(r.body());
                                accepted.addAndGet(j.path("accepted").asLong());
                                duplicates.addAndGet(j.path("duplicates").asLong());
                                rejected.addAndGet(j.path("rejected").size());
                                latencies[latencyCount.getAndIncrement()] = took;
                                break;
                            }
                            if (r.statusCode() == 429 || r.statusCode() == 503) {
                                retries.incrementAndGet();
                                Ctx.sleep(1000L * r.headers().firstValueAsLong("Retry-After").orElse(1));
                                continue;
                            }
                            failed.incrementAndGet();
                            System.out.println("[bench] " + url + " answered " + r.statusCode() + ": "
                                    + Limits.tail(r.body()));
                            break;
                        } catch (Exception e) {
                            failed.incrementAndGet();
                            System.out.println("[bench] " + url + " failed: " + e);
                            break;
                        }
                    }
                }
            }, "ingest-client-" + t);
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Outcome(accepted.get(), duplicates.get(), rejected.get(), failed.get(), retries.get(), seconds,
                Stats.ofNanos(latencies, latencyCount.get()));
    }
}
