package io.caimei.common.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key arguments of a Lua script's {@code redis.call}/{@code redis.pcall}s. A script is cluster-safe only when
 * every key it touches is one of its declared KEYS (all of one slot), never a name built from ARGV or a literal.
 */
public final class ScriptKeys {

    private static final Pattern CALL = Pattern.compile("redis\\.p?call\\(\\s*'([A-Za-z]+)'\\s*,\\s*([^,)]+)");
    /** Commands whose first argument is not a key. */
    private static final List<String> KEYLESS = List.of("PING", "TIME", "ECHO", "INFO");

    private ScriptKeys() {
    }

    /** Every first argument of a key command that is not {@code KEYS[...]}; empty for a cluster-safe script. */
    public static List<String> undeclared(String script) {
        List<String> out = new ArrayList<>();
        Matcher m = CALL.matcher(script);
        while (m.find()) {
            String arg = m.group(2).trim();
            if (!KEYLESS.contains(m.group(1).toUpperCase()) && !arg.matches("KEYS\\[.+\\]")) {
                out.add(m.group(1) + " " + arg);
            }
        }
        return out;
    }

    /** How many key calls the script makes (so a test can see it read something). */
    public static int calls(String script) {
        int n = 0;
        Matcher m = CALL.matcher(script);
        while (m.find()) {
            n++;
        }
        return n;
    }
}
