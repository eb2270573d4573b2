package io.caimei.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @ParameterizedTest(name = "{0} normalizes to 13800138000")
    @ValueSource(strings = {"13800138000", "8613800138000", "+8613800138000", "008613800138000",
        "+86 138-0013-8000", "+86 138 0013 8000", "138-0013-8000", " 13800138000 ", "0086 138 0013 8000",
        "86-138-0013-8000", "+86\t13800138000", "+86\u3000138 0013 8000", "1 3 8 0 0 1 3 8 0 0 0"})
    void everyAcceptedSpellingNormalizesToElevenDigits(String raw) {
        assertEquals(Optional.of("13800138000"), PhoneNumbers.normalize(raw));
    }

    @ParameterizedTest(name = "{0} is not a mainland mobile number")
    @ValueSource(strings = {"", "   ", "1380013800", "138001380001", "23800138000", "+13800138000",
        "+8523800138000", "+86 23800138000", "0013800138000", "861380013800", "138OO138000", "138.0013.8000",
        "(138)00138000", "+86+13800138000", "13800138000+", "１３８００１３８０００", "8613800138000000",
        "tel:13800138000", "010-12345678"})
    void anythingElseIsRejected(String raw) {
        assertEquals(Optional.empty(), PhoneNumbers.normalize(raw));
    }

    @ParameterizedTest(name = "null is not a phone number")
    @NullSource
    void nullIsNeitherNormalizedNorPhoneLike(String raw) {
        assertEquals(Optional.empty(), PhoneNumbers.normalize(raw));
        assertFalse(PhoneNumbers.looksLikePhone(raw));
    }

    @ParameterizedTest(name = "{0} looks like a phone number")
    @ValueSource(strings = {"13800138000", "+86 138-0013-8000", "+1 (415) 555-0100", "+14155550100",
        "010-12345678", "1234567", "+13800138000", "00 44 20 7946 0958"})
    void phoneLikeValuesOfAnyCountryLookLikePhones(String value) {
        assertTrue(PhoneNumbers.looksLikePhone(value));
    }

    @ParameterizedTest(name = "{0} does not look like a phone number")
    @ValueSource(strings = {"", "123456", "alice", "user_13800138000", "wx-oAbC123", "1234567890123456",
        "u:13800138000", "12-34"})
    void ordinaryUidsDoNotLookLikePhones(String value) {
        assertFalse(PhoneNumbers.looksLikePhone(value));
    }

    @Test
    @DisplayName("the digits of an international number drop the + and the 00 prefix")
    void digitsOfAnInternationalNumberDropThePrefix() {
        assertEquals("14155550100", PhoneNumbers.digitsOf("+1 (415) 555-0100"));
        assertEquals("442079460958", PhoneNumbers.digitsOf("00 44 20 7946 0958"));
    }
}
