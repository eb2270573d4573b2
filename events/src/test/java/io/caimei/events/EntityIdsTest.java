package io.caimei.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The id rule every service applies: safe characters, no '..', never a phone number. */
class EntityIdsTest {

    @ParameterizedTest(name = "{0} is a valid id")
    @ValueSource(strings = {"song-1", "campaign:2025.spring", "A_b.c:d-e", "0", "12345", "138001380001"})
    void ordinaryIdsAreAccepted(String id) {
        assertTrue(EntityIds.isValid(id));
        assertEquals(Optional.empty(), EntityIds.refusal(id));
    }

    @Test
    void anIdOf128CharactersIsAcceptedAndOneOf129IsNot() {
        assertTrue(EntityIds.isValid("a".repeat(128)));
        assertFalse(EntityIds.isValid("a".repeat(129)));
    }

    @ParameterizedTest(name = "\"{0}\" breaks the character rule")
    @NullAndEmptySource
    @ValueSource(strings = {"a b", "a/b", "a|b", "a\"b", "a\nb", "歌曲", "a..b", "..", "../etc"})
    void unsafeCharactersAndDotDotAreRefusedWithTheRule(String id) {
        assertFalse(EntityIds.isValid(id));
        assertEquals(Optional.of("must be " + EntityIds.RULE), EntityIds.refusal(id));
    }

    @ParameterizedTest(name = "{0} is a phone number")
    @ValueSource(strings = {"13800138000", "8613800138000", "86-138-0013-8000", "138-0013-8000"})
    void mainlandMobileNumbersAreRefusedAsPhoneNumbers(String id) {
        assertFalse(EntityIds.isValid(id));
        assertEquals(Optional.of("must not be a phone number"), EntityIds.refusal(id));
    }

    @Test
    void theRefusalNeverQuotesTheValue() {
        assertFalse(EntityIds.refusal("13800138000").orElseThrow().contains("138"));
        assertFalse(EntityIds.refusal("bad id").orElseThrow().contains("bad id"));
    }
}
