package io.caimei.ranking.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.caimei.common.redis.ScriptKeys;
import io.caimei.common.redis.SlotBatches;
import io.caimei.ranking.config.RankingConfig;

/**
 * A board-period's keys share one slot (the read and store-facts scripts take them together); placements of many
 * boards and periods are split into one batch per slot; the scripts touch only their declared KEYS.
 */
class ClusterSafeKeysTest {

    /** The repository with only its key prefix configured (no Redis needed to build keys). */
    private static LiveBoardRepository repository() {
        Object redisConfig = Proxy.newProxyInstance(RankingConfig.class.getClassLoader(),
                new Class<?>[] { RankingConfig.Redis.class }, (proxy, method, args) -> "rk");
        RankingConfig config = (RankingConfig) Proxy.newProxyInstance(RankingConfig.class.getClassLoader(),
                new Class<?>[] { RankingConfig.class }, (proxy, method, args) -> method.getName().equals("redis")
                        ? redisConfig : null);
        return new LiveBoardRepository(null, config);
    }

    @Test
    void aBoardPeriodsRankingContributorsAndFactsShareOneSlot() {
        LiveBoardRepository r = repository();
        for (String board : List.of("content-heat", "music-propagation", "ai-apps")) {
            for (String period : List.of("2024", "2024-05", "2024-W19", "2024-05-07")) {
                Set<Integer> slots = new HashSet<>(List.of(SlotBatches.slot(r.ranking(board, period)),
                        SlotBatches.slot(r.contributors(board, period)), SlotBatches.slot(r.facts(board, period)),
                        SlotBatches.slot(r.facts(board, period) + ":tmp:0f8a")));
                assertEquals(1, slots.size(), board + " " + period);
            }
        }
        assertNotEquals(SlotBatches.slot(r.ranking("content-heat", "2024")), SlotBatches.slot(r.ranking("ai-apps", "2024")),
                "boards spread over the cluster");
    }

    @Test
    void placementsOfManyBoardsAndPeriodsGoInOneBatchPerSlot() {
        LiveBoardRepository r = repository();
        List<String> keys = new ArrayList<>();
        for (String board : List.of("content-heat", "ai-apps")) {
            for (String period : List.of("2024", "2024-05")) {
                keys.add(r.ranking(board, period));
                keys.add(r.periods(board));
                keys.add(r.contributors(board, period));
            }
        }
        var groups = SlotBatches.groups(keys);
        for (List<Integer> group : groups) {
            Set<Integer> slots = new HashSet<>();
            group.forEach(i -> slots.add(SlotBatches.slot(keys.get(i))));
            assertEquals(1, slots.size(), "one slot per batch");
        }
        assertTrue(groups.size() >= 4, "{board:period} and {board} keys are in different batches");
    }

    @Test
    void theReadAndStoreFactsScriptsTouchOnlyTheirDeclaredKeys() throws IOException {
        for (String script : List.of("lua/board-read.lua", "lua/store-facts.lua")) {
            String text = resource(script);
            assertTrue(ScriptKeys.calls(text) >= 4, script);
            assertEquals(List.of(), ScriptKeys.undeclared(text), script);
        }
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = ClusterSafeKeysTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
