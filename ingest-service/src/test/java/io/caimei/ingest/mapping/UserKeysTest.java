package io.caimei.ingest.mapping;

import static io.caimei.ingest.mapping.Fixtures.KEYS;
import static io.caimei.ingest.mapping.Fixtures.KEY_13800138000;
import static io.caimei.ingest.mapping.Fixtures.KEY_13912345678;
import static io.caimei.ingest.mapping.Fixtures.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserKeysTest {

    @Test
    void anMsisdnKeyIsULowercaseHexHmacSha256OfTheNumber() {
        assertEquals(KEY_13800138000, KEYS.forMsisdn("13800138000"));
        assertEquals(KEY_13912345678, KEYS.forMsisdn("13912345678"));
    }

    @Test
    void aByteSecretGivesTheSameKeyAsItsUtf8String() {
        assertEquals(KEY_13800138000,
                new UserKeys(SECRET.getBytes(StandardCharsets.UTF_8)).forMsisdn("13800138000"));
    }

    @Test
    void anotherSecretGivesAnotherKey() {
        assertNotEquals(KEY_13800138000, new UserKeys("another-secret-of-16+").forMsisdn("13800138000"));
    }

    @ParameterizedTest(name = "uid {0} is the same user as msisdn 13800138000")
    @ValueSource(strings = {"+86 138 0013 8000", "13800138000", "+8613800138000", "008613800138000",
        "86-138-0013-8000"})
    void aUidThatIsAMainlandPhoneNumberIsTheSameUserAsTheMsisdn(String uid) {
        assertEquals(KEY_13800138000, KEYS.forUid(uid));
    }

    @Test
    void anOrdinaryUidIsKeyedAsItIsTrimmed() {
        assertEquals("uid:migu_778899", KEYS.forUid("  migu_778899 "));
        assertEquals("uid:wx-oAbC/12+x=", KEYS.forUid("wx-oAbC/12+x="));
    }

    @Test
    void aUidThatLooksLikeAForeignPhoneNumberIsHashedUnderPrefixP() {
        assertEquals("p:70ad654fc74631dbeed9a408064a9846dbb1a91b9a980eba17a82a3a4d0322c1",
                KEYS.forUid("+1 (415) 555-0100"));
        assertEquals(KEYS.forUid("+1 (415) 555-0100"), KEYS.forUid("+14155550100"));
    }

    @ParameterizedTest(name = "uid {0} is refused")
    @ValueSource(strings = {"", "   ", "two words", "tab\there", "line\nbreak", "用户"})
    void aBlankUidOrOneWithSpacesControlsOrNonAsciiIsRefused(String uid) {
        assertThrows(IllegalArgumentException.class, () -> KEYS.forUid(uid));
    }

    @Test
    void aUidOfMoreThan128CharactersIsRefused() {
        assertEquals("uid:" + "a".repeat(128), KEYS.forUid("a".repeat(128)));
        assertThrows(IllegalArgumentException.class, () -> KEYS.forUid("a".repeat(129)));
    }

    @ParameterizedTest(name = "forMsisdn refuses {0} without quoting it")
    @ValueSource(strings = {"+8613800138000", "1380013800", "23800138000", "1380013800a", "138 0013 800"})
    void forMsisdnTakesOnlyNormalizedNumbersAndNeverQuotesThem(String raw) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KEYS.forMsisdn(raw));
        assertEquals("msisdn must be a normalized 11-digit mainland mobile number", e.getMessage());
    }

    @Test
    void forMsisdnRefusesNull() {
        assertThrows(IllegalArgumentException.class, () -> KEYS.forMsisdn(null));
    }

    @Test
    void keysNeverContainTheDigitsOfTheNumber() {
        for (String number : List.of("13800138000", "13912345678", "18600000000", "15011112222")) {
            String key = KEYS.forMsisdn(number);
            assertFalse(key.contains(number), key);
            assertFalse(key.contains(number.substring(3)), key);
            assertEquals(66, key.length());
        }
    }

    @ParameterizedTest(name = "secret {0} is refused")
    @ValueSource(strings = {"", "                    ", "short", "fifteen-chars!!"})
    void blankOrShortStringSecretsAreRefused(String secret) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UserKeys(secret));
        assertEquals("user-key secret must be at least 16 characters and not blank", e.getMessage());
    }

    @Test
    void nullAndShortByteSecretsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new UserKeys((String) null));
        assertThrows(IllegalArgumentException.class, () -> new UserKeys((byte[]) null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UserKeys(new byte[15]));
        assertEquals("user-key secret must be at least 16 bytes", e.getMessage());
    }

    @Test
    void toStringHidesTheSecret() {
        assertEquals("UserKeys[secret=<redacted>]", KEYS.toString());
    }

    @Test
    void aCanonicalUserKeyFieldKeepsHashedKeysAndHashesPhoneNumbers() {
        assertEquals(KEY_13800138000, KEYS.forUserKeyField(KEY_13800138000));
        assertEquals(KEY_13800138000, KEYS.forUserKeyField("+86 138 0013 8000"));
        assertEquals(KEY_13800138000, KEYS.forUserKeyField("uid:13800138000"));
        assertEquals("uid:alice", KEYS.forUserKeyField("uid:alice"));
        assertEquals("uid:alice", KEYS.forUserKeyField("alice"));
    }

    @Test
    void aCanonicalUserKeyFieldWithAMalformedHashIsRefusedWithoutQuotingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KEYS.forUserKeyField("u:13800138000"));
        assertEquals("userKey with prefix 'u:' or 'p:' must be followed by 64 lowercase hex digits", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KEYS.forUserKeyField(KEY_13800138000.toUpperCase()));
    }

    @Test
    void keysAreStableAcrossThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                tasks.add(() -> KEYS.forMsisdn("13800138000"));
            }
            for (Future<String> f : pool.invokeAll(tasks)) {
                assertEquals(KEY_13800138000, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
