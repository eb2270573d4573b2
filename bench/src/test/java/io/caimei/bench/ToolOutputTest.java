package io.caimei.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.caimei.bench.ToolOutput.ProducerPerformanceResult;
import io.caimei.bench.ToolOutput.RedisBenchmarkResult;

class ToolOutputTest {

    private static final String METRICS = """
            # HELP caimei_events_applied_total events applied to aggregates
            # TYPE caimei_events_applied_total counter
            caimei_events_applied_total 12345.0
            caimei_events_applied_total_created 1.7E9
            # TYPE caimei_events_late_total counter
            caimei_events_late_total{reason="LATE"} 4.0
            caimei_events_late_total{reason="a \\"quoted\\" } brace"} 6.0 1700000000000
            caimei_events_late_totalx 99
            http_server_requests_seconds_count{method="GET",outcome="SUCCESS",status="200",uri="/q/metrics"} 3.0
            """;

    @Test
    void prometheusCounterWithoutLabels() {
        assertEquals(12345.0, ToolOutput.prometheusSum(METRICS, "caimei_events_applied_total").getAsDouble());
    }

    @Test
    void prometheusSumsLabelledSamplesAndIgnoresPrefixedNames() {
        assertEquals(10.0, ToolOutput.prometheusSum(METRICS, "caimei_events_late_total").getAsDouble());
    }

    @Test
    void prometheusMissingMetric() {
        assertFalse(ToolOutput.prometheusSum(METRICS, "caimei_score_updates_total").isPresent());
        assertFalse(ToolOutput.prometheusSum("", "x").isPresent());
        assertTrue(ToolOutput.prometheusSum("x 1e3\n", "x").getAsDouble() == 1000.0);
    }

    @Test
    void redisBenchmarkCsv() {
        String out = "\"test\",\"rps\",\"avg_latency_ms\",\"min_latency_ms\",\"p50_latency_ms\",\"p95_latency_ms\","
                + "\"p99_latency_ms\",\"max_latency_ms\"\n"
                + "\"HSET\",\"204081.64\",\"2.604\",\"0.128\",\"1.311\",\"8.503\",\"9.295\",\"9.503\"\n"
                + "\"ZINCRBY bench:z 1 m:__rand_int__\",\"163934.42\",\"3.930\",\"0.280\",\"2.623\",\"9.671\","
                + "\"15.719\",\"15.935\"\n";
        List<RedisBenchmarkResult> r = ToolOutput.redisBenchmark(out);
        assertEquals(2, r.size());
        assertEquals("HSET", r.get(0).test());
        assertEquals(204081.64, r.get(0).rps());
        assertEquals(1.311, r.get(0).p50Ms());
        assertEquals(9.295, r.get(0).p99Ms());
        assertEquals("ZINCRBY bench:z 1 m:__rand_int__", r.get(1).test());
        assertEquals(163934.42, r.get(1).rps());
        assertEquals(3.930, r.get(1).avgMs());
    }

    @Test
    void redisBenchmarkQuietWithProgressLines() {
        String out = " \rZINCRBY k 1 m:__rand_int__: rps=0.0 (overall: 0.0) avg_msec=-nan (overall: -nan)\r"
                + "                \rZINCRBY k 1 m:__rand_int__: 259740.27 requests per second, p50=1.519 msec\n"
                + "SET: 100000.00 requests per second\n";
        List<RedisBenchmarkResult> r = ToolOutput.redisBenchmark(out);
        assertEquals(2, r.size());
        assertEquals("ZINCRBY k 1 m:__rand_int__", r.get(0).test());
        assertEquals(259740.27, r.get(0).rps());
        assertEquals(1.519, r.get(0).p50Ms());
        assertEquals("SET", r.get(1).test());
        assertTrue(Double.isNaN(r.get(1).p50Ms()));
    }

    @Test
    void redisBenchmarkNothingUseful() {
        assertTrue(ToolOutput.redisBenchmark("Could not connect to Redis at 127.0.0.1:6379: Connection refused\n")
                .isEmpty());
    }

    @Test
    void csvCellsWithEscapedQuotes() {
        assertEquals(List.of("a \"b\"", "1", ""), ToolOutput.csvCells("\"a \"\"b\"\"\",\"1\","));
    }

    @Test
    void producerPerformanceFinalLine() {
        String out = """
                250381 records sent, 50076.2 records/sec (11.94 MB/sec), 1528.3 ms avg latency, 2243.0 ms max latency.
                500000 records sent, 97885.669538 records/sec (23.34 MB/sec), 1032.96 ms avg latency, 1497.00 ms max latency, 1083 ms 50th, 1430 ms 95th, 1480 ms 99th, 1495 ms 99.9th.
                """;
        ProducerPerformanceResult r = ToolOutput.producerPerformance(out).orElseThrow();
        assertEquals(500000, r.records());
        assertEquals(97885.669538, r.recordsPerSec());
        assertEquals(23.34, r.mbPerSec());
        assertEquals(1032.96, r.avgMs());
        assertEquals(1083, r.p50Ms());
        assertEquals(1480, r.p99Ms());
    }

    @Test
    void producerPerformanceUnfinished() {
        assertFalse(ToolOutput.producerPerformance("250381 records sent, 50076.2 records/sec (11.94 MB/sec), "
                + "1528.3 ms avg latency, 2243.0 ms max latency.\n").isPresent());
    }
}
