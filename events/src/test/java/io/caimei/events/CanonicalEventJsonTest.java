package io.caimei.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The scorer's streaming reader reads exactly what data binding read, and refuses what it refused. */
class CanonicalEventJsonTest {

    private final ObjectMapper mapper = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Test
    void anEventWrittenByDataBindingReadsBackEqualWithUnknownFieldsAndNullsAndEscapes() throws IOException {
        CanonicalEvent e = new CanonicalEvent("id-\"1\"", "CRBT", Channel.CRBT, Network.TELECOM, Indicator.E3,
                EntityType.MUSIC, "歌曲\\晴天", "clip-1", "2024-02-14T10:00:00+08:00", "u\n1", -1);
        String json = mapper.writeValueAsString(e);
        assertEquals(e, CanonicalEventJson.read(json));
        String extra = mapper.writeValueAsString(e.attributedTo(EntityType.CONTENT, "c").attributedTo(EntityType.MUSIC,
                "m")).replace("{", "{\"future\":{\"a\":[1,2,{\"b\":null}]},\"more\":null,");
        CanonicalEvent read = CanonicalEventJson.read(extra);
        assertEquals(mapper.readValue(extra, CanonicalEvent.class), read);
    }

    @Test
    void anUnknownChannelANonObjectOrADuplicateFieldIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalEventJson.read("{\"channel\":\"FAX\"}"));
        assertThrows(IOException.class, () -> CanonicalEventJson.read("[1]"));
        assertThrows(IOException.class, () -> CanonicalEventJson.read("{\"eventId\":\"x\""));
        assertThrows(IOException.class, () -> CanonicalEventJson.read("{\"delta\":1,\"delta\":-1}"),
                "a field named twice is ambiguous");
    }

    @Test
    void occurredAtReadsAsTheSameInstantAsTheFormatterDoes() {
        for (String t : new String[] { "2024-02-14T10:00:00+08:00", "2024-02-14T10:00:00Z",
                "2024-12-31T23:59:59.999+08:00", "2024-02-29T00:00:00.5-05:30", "1999-01-01T00:00:00.123456789+14:00",
                "2024-02-14T10:00+08:00", "2024-02-14T10:00:00+08:00:00" }) {
            assertEquals(OffsetDateTime.parse(t).toInstant(), CanonicalEventJson.instant(t), t);
        }
    }

    @Test
    void anImpossibleDateIsRefusedAsTheFormatterRefusesIt() {
        for (String t : new String[] { "2023-02-29T10:00:00+08:00", "2024-13-01T10:00:00+08:00",
                "2024-02-14T24:00:00+08:00", "2024-02-14 10:00:00+08:00", "2024-02-14T10:00:00" }) {
            assertThrows(DateTimeParseException.class, () -> CanonicalEventJson.instant(t), t);
        }
    }
}
