package io.caimei.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Dockerfiles kept for users with Docker build the same image the chart expects (Jib builds it otherwise). */
class ContainerImageTest {

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "ingest-service", "scoring-service", "ranking-service"})
    void everyServiceHasAJvmDockerfileRunningQuarkusAsUser185OnPort8080(String service) throws IOException {
        Path dockerfile = Manifests.repoRoot().resolve(service).resolve("src/main/docker/Dockerfile.jvm");
        assertTrue(Files.exists(dockerfile), dockerfile + " missing");
        List<String> lines = Files.readAllLines(dockerfile).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertTrue(lines.get(0).startsWith("FROM "), "starts with FROM");
        assertTrue(lines.contains("USER 185"), "runs as the non-root user 185 the chart's securityContext expects");
        assertTrue(lines.contains("EXPOSE 8080"), "exposes 8080");
        assertTrue(lines.stream().anyMatch(l -> l.contains("-Dquarkus.http.port=8080")),
                "listens on 8080 whatever the local-development port in application.properties");
        assertTrue(lines.stream().anyMatch(l -> l.contains("target/quarkus-app/") && l.contains("/deployments/")),
                "copies the Quarkus fast-jar into /deployments");
        assertTrue(lines.stream().anyMatch(l -> l.contains("JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"")),
                "runs /deployments/quarkus-run.jar");
    }
}
