package io.caimei.ingest.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A JSON record that names a field twice is refused, never read as whichever value came last. */
class JsonRecordsTest {

    @Test
    void anArrayHoldingARecordWithADuplicatedFieldIsNotReadAtAll() {
        ParseException e = assertThrows(ParseException.class,
                () -> JsonRecords.read("[{\"eid\":\"a\",\"eid\":\"b\"}]", "expected events"));
        assertEquals(ParseException.NOT_JSON, e.code());
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void inNdjsonOnlyTheLineWithTheDuplicatedFieldIsRejectedAndTheOthersAreKept() {
        List<JsonRecords.Item> items = JsonRecords.read("{\"eid\":\"a\"}\n{\"eid\":\"b\",\"eid\":\"c\"}\n{\"eid\":\"d\"}",
                "expected events");
        assertEquals(3, items.size());
        assertNull(items.get(0).error());
        assertNotNull(items.get(1).error());
        assertEquals("d", items.get(2).node().get("eid").asText());
    }
}
