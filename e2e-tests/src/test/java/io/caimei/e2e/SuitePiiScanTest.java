package io.caimei.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs after every other end-to-end test and looks for every mobile number the suite sent (taken from the test
 * sources themselves) in everything the run wrote: every Kafka topic of the run but the channels' raw input
 * feeds, every Redis key of the run, the fault test's Redis files, the PostgreSQL tables and every service log.
 */
@ExtendWith(Stack.class)
@Order(Integer.MAX_VALUE)
class SuitePiiScanTest {

    /** A mainland mobile number as the tests write them: optional +86, separators between the groups. */
    private static final Pattern MOBILE = Pattern.compile("(?<![\\d\\w])(?:\\+?86[ -]?)?(1[3-9]\\d)[ -]?(\\d{4})[ -]?(\\d{4})(?!\\d)");

    @Test
    void noMobileNumberTheSuiteSentIsStoredOrLoggedAnywhere() throws Exception {
        Set<String> numbers = new TreeSet<>();
        try (var sources = Files.walk(Stack.root().resolve("e2e-tests/src/test/java"))) {
            for (Path f : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = MOBILE.matcher(Files.readString(f));
                while (m.find()) {
                    numbers.add(m.group(1) + m.group(2) + m.group(3));
                }
            }
        }
        assertTrue(numbers.size() >= 5, "the suite's numbers were found: " + numbers.size());
        StringBuilder everything = new StringBuilder();
        everything.append(Pii.allTopics());
        everything.append(Pii.redis("e2e-" + Stack.runId()));
        everything.append(Pii.faultRedisFiles());
        everything.append(Pii.postgres());
        everything.append(Pii.logs());
        assertTrue(everything.length() > 100_000, "the scan read real data: " + everything.length());
        String text = everything.toString();
        for (String n : numbers) {
            // with or without the separators people type ("138-0013-8000", "138 0013 8000")
            Pattern raw = Pattern.compile("(?<!\\d)" + n.substring(0, 3) + "[ -]?" + n.substring(3, 7) + "[ -]?"
                    + n.substring(7) + "(?!\\d)");
            assertFalse(raw.matcher(text).find(), "raw number " + n.substring(0, 3) + "… found");
        }
    }
}
