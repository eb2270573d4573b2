package io.caimei.scoring.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.caimei.common.redis.ScriptKeys;
import io.caimei.common.redis.SlotBatches;
import io.caimei.events.CanonicalEvent;
import io.caimei.events.Channel;
import io.caimei.events.EntityType;
import io.caimei.events.Indicator;
import io.caimei.events.Network;
import io.caimei.scoring.service.PartitionBatch;

/** Every scoring key of a partition lives in that partition's slot, so each batch and script touches one slot. */
class ClusterSafeKeysTest {

    private final RedisKeys keys = new RedisKeys("cm");

    /** Calls every key builder of RedisKeys with sample arguments; the partition argument is {@code partition}. */
    private List<String> everyKeyOf(int partition) throws Exception {
        List<String> out = new ArrayList<>();
        for (Method m : RedisKeys.class.getMethods()) {
            if (m.getReturnType() != String.class || m.getName().equals("prefix") || m.getName().equals("toString")
                    || m.getParameterCount() == 0 || m.getParameterTypes()[0] != int.class) {
                continue;
            }
            Object[] args = new Object[m.getParameterCount()];
            args[0] = partition;
            for (int i = 1; i < args.length; i++) {
                Class<?> t = m.getParameterTypes()[i];
                args[i] = t == String.class ? "x" + i : t == long.class ? 7L : t == Indicator.class ? Indicator.E2 : null;
            }
            out.add((String) m.invoke(keys, args));
        }
        return out;
    }

    @Test
    void everyPartitionKeyBuilderHashesToItsPartitionsSlot() throws Exception {
        for (int p = 0; p < 12; p++) {
            List<String> all = everyKeyOf(p);
            assertTrue(all.size() >= 8, "key builders found: " + all);
            Set<Integer> slots = new HashSet<>();
            all.forEach(k -> slots.add(SlotBatches.slot(k)));
            assertEquals(Set.of(SlotBatches.slot("p" + p)), slots, "partition " + p + ": " + all);
        }
    }

    @Test
    void theApplyScriptsKeysOfABatchShareOneSlot() {
        PartitionBatch batch = new PartitionBatch(5, keys);
        batch.covers(0);
        int n = 0;
        for (Indicator i : Indicator.values()) {
            for (String entity : List.of("c1", "c2", "c3")) {
                Channel channel = i.network() == Network.TELECOM ? Channel.CRBT : Channel.MIGU_APP;
                batch.add(new CanonicalEvent("e" + n++, "test", channel, channel.network(), i, EntityType.CONTENT, entity,
                        null, "2024-02-14T10:00:00+08:00", "u" + n, 1), "2024-02-14", 1_707_876_000_000L);
            }
        }
        batch.remember(3, "e1");
        List<String> scriptKeys = batch.toScript().keys();
        assertTrue(scriptKeys.size() >= 7, scriptKeys.toString());
        assertEquals(1, SlotBatches.groups(scriptKeys).size(), scriptKeys.toString());
    }

    @Test
    void theApplyScriptTouchesOnlyItsDeclaredKeys() throws IOException {
        String script = resource("lua/apply-batch.lua");
        assertTrue(ScriptKeys.calls(script) >= 10);
        assertEquals(List.of(), ScriptKeys.undeclared(script));
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = ClusterSafeKeysTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
