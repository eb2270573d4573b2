package io.caimei.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line flags of {@code bench/run.sh}; every scale has a default that keeps the run under ~10 minutes. */
public final class Options {

    static final String USAGE = """
            bench/run.sh [flags]     (the services must be up: ./caimei up)

            Endpoints
              --gateway URL           gateway used for 'through the gateway' figures (run.sh starts a benchmark
                                      gateway with raised per-client budgets; default http://127.0.0.1:8080)
              --ingest URL            ingest service (default http://127.0.0.1:8081)
              --scoring URL           scoring service, for /q/metrics (default http://127.0.0.1:8082)
              --ranking URL           ranking service (default http://127.0.0.1:8083)
              --issuer URL            Keycloak realm (default http://127.0.0.1:8180/realms/caimei)
              --redis HOST:PORT       (default 127.0.0.1:6379)     --kafka HOST:PORT (default 127.0.0.1:9092)
              --topic-prefix P        the services' caimei.kafka.topic-prefix (default empty)
              --scoring-prefix P      scoring's Redis key prefix (default cm)
              --ranking-prefix P      ranking's Redis key prefix (default rk)
              --scorer-pid PID        the scoring service's process, stopped (SIGSTOP) while ingest is measured
                                      on its own and while the scorer's backlog is written, continued (SIGCONT)
                                      after; run.sh passes it (default none: only the figures measured alongside)
              --ranking-pid PID       the ranking service's process, stopped while the scorer is measured on its own
            Scale
              --ingest-events N       events per ingest load (default 200000)
              --batch N               records per ingest request (default 500)
              --clients N             concurrent HTTP clients (default 4)
              --entities N            distinct entities of the ingest load (default 10000)
              --kafka-records N       ProducerPerformance records (default 500000)
              --redis-requests N      redis-benchmark requests per pipelined test (default 200000)
              --backlog-events N      events written straight to Kafka for the scoring backlog (default 100000)
              --e2e-seconds N         duration of the fixed-rate end-to-end load (default 60)
              --e2e-rate N|auto       offered events/s of the fixed-rate load (default auto: the highest sustained
                                      step, else half the lower of the ingest and scoring rates)
              --e2e-steps LIST|none   offered rates of the step table, in order (default 2500,5000,7500,10000,
                                      15000,20000,25000; stops after the first step that is not sustained)
              --e2e-step-seconds N    duration of one step (default 15)
              --board-sizes A,B,C     board sizes for queries (default 1000,100000,1000000)
              --queries N             queries per query scenario (default 200000) ...
              --query-seconds N       ... or this many seconds, whichever comes first (default 10)
              --query-clients N       concurrent clients of the query load, Java client and wrk (default 16)
              --query-warmup N        seconds of unmeasured load before the first board size, so the services'
                                      JIT has compiled the read path (default 20 per scenario; 3 s before later sizes)
              --memory-aggregates N   scratch aggregates for the memory figure (default 200000)
              --day YYYY-MM-DD        event day (default: yesterday in Asia/Shanghai, today if the scorer's
                                      watermark already closed yesterday); the scorer's watermark follows it
              --sections LIST         comma list of limits,memory,ingest,scoring,e2e,queries (default all)
            Output
              --root DIR              repository root (default .)
              --markdown FILE         (default <root>/BENCHMARKS.md)   --json FILE (default <root>/bench/results.json)
              --gateway-note TEXT     how the gateway was started (run.sh sets it)
            """;

    static final List<String> ALL_SECTIONS = List.of("limits", "memory", "ingest", "scoring", "e2e", "queries");

    String gateway = "http://127.0.0.1:8080";
    String ingest = "http://127.0.0.1:8081";
    String scoring = "http://127.0.0.1:8082";
    String ranking = "http://127.0.0.1:8083";
    String issuer = "http://127.0.0.1:8180/realms/caimei";
    String redisHost = "127.0.0.1";
    int redisPort = 6379;
    String kafka = "127.0.0.1:9092";
    String topicPrefix = "";
    String scoringPrefix = "cm";
    String rankingPrefix = "rk";
    long scorerPid;
    long rankingPid;
    int ingestEvents = 200_000;
    int batch = 500;
    int clients = 4;
    int entities = 10_000;
    long kafkaRecords = 500_000;
    int redisRequests = 200_000;
    int backlogEvents = 100_000;
    int e2eSeconds = 60;
    Integer e2eRate;
    List<Integer> e2eSteps = List.of(2_500, 5_000, 7_500, 10_000, 15_000, 20_000, 25_000);
    int e2eStepSeconds = 15;
    List<Integer> boardSizes = List.of(1000, 100_000, 1_000_000);
    int queries = 200_000;
    int querySeconds = 10;
    int queryClients = 16;
    int queryWarmup = 20;
    LocalDate day;
    int memoryAggregates = 200_000;
    Set<String> sections = Set.copyOf(ALL_SECTIONS);
    Path root = Path.of(".");
    Path markdown;
    Path json;
    String gatewayNote = "";
    final Map<String, String> given = new LinkedHashMap<>();

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("-h") || name.equals("--help")) {
                System.out.print(USAGE);
                System.exit(0);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
            }
            String v = args[++i];
            o.given.put(name, v);
            switch (name) {
                case "--gateway" -> o.gateway = strip(v);
                case "--ingest" -> o.ingest = strip(v);
                case "--scoring" -> o.scoring = strip(v);
                case "--ranking" -> o.ranking = strip(v);
                case "--issuer" -> o.issuer = strip(v);
                case "--redis" -> {
                    o.redisHost = v.substring(0, v.lastIndexOf(':'));
                    o.redisPort = Integer.parseInt(v.substring(v.lastIndexOf(':') + 1));
                }
                case "--kafka" -> o.kafka = v;
                case "--topic-prefix" -> o.topicPrefix = v;
                case "--scoring-prefix" -> o.scoringPrefix = v;
                case "--ranking-prefix" -> o.rankingPrefix = v;
                case "--scorer-pid" -> o.scorerPid = positive(name, v);
                case "--ranking-pid" -> o.rankingPid = positive(name, v);
                case "--ingest-events" -> o.ingestEvents = positive(name, v);
                case "--batch" -> o.batch = positive(name, v);
                case "--clients" -> o.clients = positive(name, v);
                case "--entities" -> o.entities = positive(name, v);
                case "--kafka-records" -> o.kafkaRecords = positive(name, v);
                case "--redis-requests" -> o.redisRequests = positive(name, v);
                case "--backlog-events" -> o.backlogEvents = positive(name, v);
                case "--e2e-seconds" -> o.e2eSeconds = positive(name, v);
                case "--e2e-rate" -> o.e2eRate = v.equals("auto") ? null : positive(name, v);
                case "--e2e-steps" -> o.e2eSteps = v.equals("none") ? List.of()
                        : java.util.Arrays.stream(v.split(",")).map(x -> positive(name, x.trim())).toList();
                case "--e2e-step-seconds" -> o.e2eStepSeconds = positive(name, v);
                case "--board-sizes" -> {
                    List<Integer> sizes = new ArrayList<>();
                    for (String s : v.split(",")) {
                        sizes.add(positive(name, s.strip()));
                    }
                    o.boardSizes = sizes.stream().sorted().toList();
                }
                case "--queries" -> o.queries = positive(name, v);
                case "--query-seconds" -> o.querySeconds = positive(name, v);
                case "--query-clients" -> o.queryClients = positive(name, v);
                case "--query-warmup" -> o.queryWarmup = positive(name, v);
                case "--day" -> o.day = LocalDate.parse(v);
                case "--memory-aggregates" -> o.memoryAggregates = positive(name, v);
                case "--sections" -> {
                    Set<String> s = Set.of(v.split(","));
                    for (String x : s) {
                        if (!ALL_SECTIONS.contains(x)) {
                            throw new IllegalArgumentException("unknown section " + x + "; known: " + ALL_SECTIONS);
                        }
                    }
                    o.sections = s;
                }
                case "--root" -> o.root = Path.of(v);
                case "--markdown" -> o.markdown = Path.of(v);
                case "--json" -> o.json = Path.of(v);
                case "--gateway-note" -> o.gatewayNote = v;
                default -> throw new IllegalArgumentException("unknown flag " + name + "\n" + USAGE);
            }
        }
        o.root = o.root.toAbsolutePath().normalize();
        if (o.markdown == null) {
            o.markdown = o.root.resolve("BENCHMARKS.md");
        }
        if (o.json == null) {
            o.json = o.root.resolve("bench/results.json");
        }
        return o;
    }

    boolean runs(String section) {
        return sections.contains(section);
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static int positive(String name, String v) {
        int n;
        try {
            n = Integer.parseInt(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " wants a whole number, got " + v);
        }
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + v);
        }
        return n;
    }
}
