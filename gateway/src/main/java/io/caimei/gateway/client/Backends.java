package io.caimei.gateway.client;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;

/**
 * The backends behind fault tolerance: reads are retried (they are idempotent), writes are not (a retried
 * event batch would be deduplicated, but the client should decide); every call has a timeout and a breaker,
 * and failures surface as {@link BackendUnavailableException} (503).
 *
 * <p>The annotations say which guards apply; their values (timeouts, retries, breaker thresholds) live in
 * application.properties under Quarkus' typed {@code quarkus.fault-tolerance."<class>/<method>".*} and
 * {@code quarkus.fault-tolerance.global.*} keys, so an operator tunes them like any other setting.
 */
@ApplicationScoped
public class Backends {

    private final RankingClient ranking;
    private final ScoringClient scoring;
    private final IngestClient ingest;

    public Backends(@RestClient RankingClient ranking, @RestClient ScoringClient scoring,
            @RestClient IngestClient ingest) {
        this.ranking = ranking;
        this.scoring = scoring;
        this.ingest = ingest;
    }

    /** Read-only call to the ranking service. */
    @Timeout
    @Retry(abortOn = BackendUnavailableException.class)
    @CircuitBreaker
    public Response rankingRead(Function<RankingClient, Response> call) {
        return call.apply(ranking);
    }

    /** The same read without blocking a thread: for the board routes, the platform's hottest path. */
    @AsynchronousNonBlocking
    @Timeout
    @Retry(abortOn = BackendUnavailableException.class)
    @CircuitBreaker
    public Uni<Response> rankingReadAsync(Function<RankingClient, Uni<Response>> call) {
        return call.apply(ranking);
    }

    @Timeout
    @CircuitBreaker
    public Response rankingWrite(Function<RankingClient, Response> call) {
        return call.apply(ranking);
    }

    @Timeout
    @Retry
    @CircuitBreaker
    public Response scoringRead(Function<ScoringClient, Response> call) {
        return call.apply(scoring);
    }

    @Timeout
    @CircuitBreaker
    public Response scoringWrite(Function<ScoringClient, Response> call) {
        return call.apply(scoring);
    }

    @Timeout
    @CircuitBreaker
    public Response ingest(Function<IngestClient, Response> call) {
        return call.apply(ingest);
    }
}
