package io.caimei.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What every section shares: options, clients, tokens, the run id, the event day and the results. */
final class Ctx {

    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    static final String BOARD = "content-heat";
    static final String QUERY_PERIOD = "2031-01-01";
    static final String APPLIED_METRIC = "caimei_events_applied_total";

    final Options o;
    final Results results;
    final Http http = new Http();
    final String runId;
    /** Scratch Redis keys of this run start with this; cleanup removes them with SCAN + UNLINK. */
    final String scratch;
    final Http.Token ingestToken;
    final Http.Token analystToken;
    LocalDate day;
    OffsetDateTime eventBase;
    int eventSpreadSeconds;

    Ctx(Options o, Results results, String runId) {
        this.o = o;
        this.results = results;
        this.runId = runId;
        this.scratch = "bench:" + runId + ":";
        // local-dev credentials from infra/keycloak/caimei-realm.json
        this.ingestToken = http.clientCredentials(o.issuer, "caimei-channels", "caimei-channels-local-dev-secret");
        this.analystToken = http.password(o.issuer, "caimei-gateway", "caimei-gateway-local-dev-secret", "analyst",
                "analyst-dev");
    }

    Resp redis() throws IOException {
        return new Resp(o.redisHost, o.redisPort);
    }

    String boardKey() {
        return o.rankingPrefix + ":{" + BOARD + ":" + QUERY_PERIOD + "}:z";
    }

    String boardPeriodsKey() {
        return o.rankingPrefix + ":{" + BOARD + "}:periods";
    }

    /** The event time of the n-th event of this run: inside the one chosen day, in Asia/Shanghai. */
    String occurredAt(long n) {
        return eventBase.plusSeconds(n % eventSpreadSeconds).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** One canonical event as ingest accepts it (the shape of DESIGN.md §6). */
    static void canonical(StringBuilder sb, String eventId, String entityId, String occurredAt, String userKey) {
        sb.append("{\"eventId\":\"").append(eventId).append("\",\"source\":\"bench\",\"channel\":\"MIGU_APP\",")
                .append("\"indicator\":\"E5\",\"entityType\":\"CONTENT\",\"entityId\":\"").append(entityId)
                .append("\",\"occurredAt\":\"").append(occurredAt).append("\",\"userKey\":\"").append(userKey)
                .append("\",\"delta\":1}");
    }

    /** Scoring's applied-events counter, or NaN when the metrics endpoint does not answer. */
    double appliedCounter() {
        try {
            var r = http.get(o.scoring + "/q/metrics", null);
            if (r.statusCode() != 200) {
                return Double.NaN;
            }
            return ToolOutput.prometheusSum(r.body(), APPLIED_METRIC).orElse(0);
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    /** Output (stdout and stderr) and exit code of a command run from the repository root. */
    record ProcResult(int exit, String output) {
    }

    ProcResult run(List<String> cmd, Duration timeout) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).directory(o.root.toFile()).redirectErrorStream(true)
                .start();
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                out.append("\n(read failed: ").append(e.getMessage()).append(')');
            }
        });
        reader.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
            reader.join(5000);
            throw new IOException("timed out after " + timeout.toSeconds() + " s: " + String.join(" ", cmd));
        }
        reader.join(10_000);
        return new ProcResult(p.exitValue(), out.toString());
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
