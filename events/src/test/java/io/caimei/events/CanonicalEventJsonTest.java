package io.caimei.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    @Test
    void plainRecordsAreReadWithoutTheParserExactlyAsTheParserReadsThem() throws IOException {
        CanonicalEvent e = new CanonicalEvent("bench-x-d-1", "bench", Channel.MIGU_APP, Network.INTERNET, Indicator.E5,
                EntityType.CONTENT, "歌曲-晴天", null, "2026-12-02T01:00:00+08:00", "u-0a1b", -12);
        String[] plain = { CanonicalEventJson.write(e),
            " {\n \"delta\" : 7 ,\t\"entityId\":\"c1\",\"eventId\":\"x\",\"network\":null}\r\n",
            "{\"eventId\":\"x\",\"delta\":0}", "{\"eventId\":\"x\",\"delta\":-2147483648}" };
        for (String json : plain) {
            assertNotNull(PlainEvent.read(json), json);
            assertEquals(CanonicalEventJson.readParsed(json), CanonicalEventJson.read(json), json);
        }
    }

    @Test
    void anythingNotPlainGoesToTheParserWithItsReadingsAndRefusals() throws IOException {
        String[] parsed = { "{\"eventId\":\"a\\\"b\"}", "{\"eventId\":\"\\u0041\"}", "{\"future\":1,\"eventId\":\"x\"}",
            "{\"eventId\":5}", "{\"delta\":1.0}", "{\"delta\":1e2}", "{}", "{\"delta\":2} trailing",
            "{\"eventId\":\"x\",\"more\":{\"a\":1}}" };
        for (String json : parsed) {
            assertNull(PlainEvent.read(json), json);
            assertEquals(CanonicalEventJson.readParsed(json), CanonicalEventJson.read(json), json);
        }
        String[] refused = { "{\"delta\":1,\"delta\":-1}", "{\"delta\":01}", "{\"delta\":99999999999}",
            "{\"eventId\":\"x\"", "{\"eventId\":\"x\",}", "{\"eventId\":\"a\tb\"}", "{\"delta\":-}",
            "{\"eventId\":nul}", "{\"delta\":\"3\"}", "{\"delta\":true}" };
        for (String json : refused) {
            assertNull(PlainEvent.read(json), json);
            assertThrows(IOException.class, () -> CanonicalEventJson.read(json), json);
        }
        assertThrows(IllegalArgumentException.class, () -> CanonicalEventJson.read("{\"channel\":\"FAX\"}"),
                "an unknown constant is refused on the plain path as on the parser's");
    }
}
