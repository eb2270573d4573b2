package io.caimei.scoring.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.caimei.scoring.service.EventConsumerLoop;

/** Ready only while the event consumer polls Kafka and writes Redis without error. */
@Readiness
public class ConsumerHealthCheck implements HealthCheck {

    private final EventConsumerLoop loop;

    public ConsumerHealthCheck(EventConsumerLoop loop) {
        this.loop = loop;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("events-consumer").status(loop.healthy())
                .withData("partitions", loop.assignedPartitions().toString()).build();
    }
}
