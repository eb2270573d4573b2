package io.caimei.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The scorer's streaming reader reads exactly what data binding read, and refuses what it refused. */
class CanonicalEventJsonTest {

    private final ObjectMapper mapper = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Test
    void anEventIsWrittenAsDataBindingWroteItAndReadsBackEqualWithUnknownFieldsAndNullsAndEscapes() throws IOException {
        CanonicalEvent e = new CanonicalEvent("id-\"1\"", "CRBT", Channel.CRBT, Network.TELECOM, Indicator.E3,
                EntityType.MUSIC, "歌曲\\晴天", "clip-1", "2024-02-14T10:00:00+08:00", "u\n1", -1);
        String json = mapper.writeValueAsString(e);
        assertEquals(json, CanonicalEventJson.write(e), "the form data binding wrote");
        assertEquals(e, CanonicalEventJson.read(json));
        CanonicalEvent nulls = new CanonicalEvent("i", null, null, null, null, null, null, null, null, null, 0);
        assertEquals(mapper.writeValueAsString(nulls), CanonicalEventJson.write(nulls));
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
}
