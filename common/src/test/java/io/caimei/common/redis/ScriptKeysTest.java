package io.caimei.common.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ScriptKeysTest {

    @Test
    void keysBuiltInsideAScriptAreReported() {
        String script = "local a = redis.call('GET', KEYS[1])\n"
                + "redis.call('HINCRBY', KEYS[op[1]], 'x', 1)\n"
                + "redis.call('SET', 'cm:' .. ARGV[1], 1)\n"
                + "redis.pcall('DEL', ARGV[2])\n";
        assertEquals(List.of("SET 'cm:' .. ARGV[1]", "DEL ARGV[2]"), ScriptKeys.undeclared(script));
        assertEquals(4, ScriptKeys.calls(script));
    }
}
