package io.caimei.gateway.client;

import java.time.temporal.ChronoUnit;

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
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, abortOn = BackendUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public Response rankingRead(java.util.function.Function<RankingClient, Response> call) {
        return call.apply(ranking);
    }

    /** The same read without blocking a thread: for the board routes, the platform's hottest path. */
    @AsynchronousNonBlocking
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, abortOn = BackendUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public Uni<Response> rankingReadAsync(java.util.function.Function<RankingClient, Uni<Response>> call) {
        return call.apply(ranking);
    }

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public Response rankingWrite(java.util.function.Function<RankingClient, Response> call) {
        return call.apply(ranking);
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public Response scoringRead(java.util.function.Function<ScoringClient, Response> call) {
        return call.apply(scoring);
    }

    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public Response scoringWrite(java.util.function.Function<ScoringClient, Response> call) {
        return call.apply(scoring);
    }

    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.8, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public Response ingest(java.util.function.Function<IngestClient, Response> call) {
        return call.apply(ingest);
    }
}
