package io.caimei.deploy;

import static io.caimei.deploy.Manifests.fullname;
import static io.caimei.deploy.Manifests.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A deployment's own boards reach scoring and ranking as one file; the other services never see it. */
class BoardsFileTest {

    private static final String NINTH = "ai-tools\tAI工具榜\tAI tools\tbusiness\tAI_APP\t-\t-\tcreation\t5\tno\n";

    private static String builtIn() throws IOException {
        return Files.readString(Manifests.repoRoot().resolve("events/src/main/resources/io/caimei/events/boards.tsv"),
                StandardCharsets.UTF_8);
    }

    private static List<Map<String, Object>> renderWithBoards(String boards) throws IOException {
        Path values = Files.createTempFile("values-boards", ".yaml");
        try {
            StringBuilder yaml = new StringBuilder(Files.readString(Manifests.productionValues()));
            yaml.append("\nboards: |\n");
            boards.lines().forEach(l -> yaml.append("  ").append(l).append('\n'));
            Files.writeString(values, yaml.toString());
            return Manifests.render(values);
        } finally {
            Files.deleteIfExists(values);
        }
    }

    private static Container container(List<Map<String, Object>> objects, String service) {
        return pod(objects, service).getContainers().get(0);
    }

    private static PodSpec pod(List<Map<String, Object>> objects, String service) {
        return Manifests.typed(named(objects, "Deployment", fullname(service)), Deployment.class).getSpec().getTemplate()
                .getSpec();
    }

    private static String boardsVariable(Container c) {
        return c.getEnv().stream().filter(e -> e.getName().equals("CAIMEI_BOARDS_FILE")).map(e -> e.getValue())
                .findFirst().orElse(null);
    }

    @Test
    void aNinthBoardIsMountedIntoScoringAndRankingAtThePathTheyRead() throws IOException {
        String boards = builtIn() + NINTH;
        List<Map<String, Object>> objects = renderWithBoards(boards);
        ConfigMap file = Manifests.typed(named(objects, "ConfigMap", "caimei-boards"), ConfigMap.class);
        assertEquals(boards, file.getData().get("boards.tsv"), "the file arrives byte for byte, tabs included");
        for (String service : List.of("scoring-service", "ranking-service")) {
            Container c = container(objects, service);
            assertEquals("/etc/caimei/boards/boards.tsv", boardsVariable(c), service);
            assertTrue(c.getVolumeMounts().stream().anyMatch(m -> m.getName().equals("boards")
                    && m.getMountPath().equals("/etc/caimei/boards") && Boolean.TRUE.equals(m.getReadOnly())), service);
            assertTrue(pod(objects, service).getVolumes().stream().anyMatch(v -> v.getName().equals("boards")
                    && v.getConfigMap() != null && v.getConfigMap().getName().equals("caimei-boards")), service);
        }
        for (String service : List.of("gateway", "ingest-service")) {
            assertNull(boardsVariable(container(objects, service)), service + " does not read boards");
        }
    }

    @Test
    void withoutAFileEveryServiceRunsTheBuiltInBoards() {
        List<Map<String, Object>> objects = Manifests.render(Manifests.productionValues());
        assertFalse(objects.stream().anyMatch(o -> "caimei-boards".equals(Manifests.str(o, "metadata.name"))));
        for (String service : Manifests.SERVICES) {
            assertNull(boardsVariable(container(objects, service)), service);
        }
    }
}
