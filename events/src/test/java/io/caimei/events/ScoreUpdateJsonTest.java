package io.caimei.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Score updates written by hand are the bytes data binding wrote, and read back to the same record. */
class ScoreUpdateJsonTest {

    private final ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
            false);

    @Test
    void theWrittenFormIsExactlyWhatDataBindingWroteAndReadsBackEqual() throws IOException {
        for (ScoreUpdate u : new ScoreUpdate[] {
                new ScoreUpdate("歌曲\"晴天\"\\1", EntityType.MUSIC, "2024-W07", 210.14213562373096, "standard", 3,
                        "clip\n1", 42, "2024-02-14T10:00:00Z"),
                new ScoreUpdate("c1", EntityType.CONTENT, "2024", 0.0, "creation", 1, null, 0, null),
                new ScoreUpdate("c2", EntityType.AI_APP, "2024-02", 1.0E-7, "promotion", 12, null, 0, "t"),
                new ScoreUpdate("c3", EntityType.CAMPAIGN, "2024-02-14", 12345678.5, "standard", 0, null, 0, "t") }) {
            String written = ScoreUpdateJson.write(u);
            assertEquals(mapper.writeValueAsString(u), written);
            assertEquals(u, ScoreUpdateJson.read(written));
            assertEquals(mapper.readValue(written, ScoreUpdate.class), ScoreUpdateJson.read(written));
        }
    }

    @Test
    void unknownFieldsAreSkippedAndAnUnknownTypeOrABrokenObjectIsRefused() throws IOException {
        ScoreUpdate u = ScoreUpdateJson.read("{\"future\":[{\"x\":1}],\"entityId\":\"e\",\"index\":2.5}");
        assertEquals("e", u.entityId());
        assertEquals(2.5, u.index());
        assertThrows(IllegalArgumentException.class, () -> ScoreUpdateJson.read("{\"entityType\":\"SONG\"}"));
        assertThrows(IOException.class, () -> ScoreUpdateJson.read("{\"entityId\":\"e\""));
    }

    @Test
    void aRecordOfSeveralLinesReadsAsItsUpdatesInOrderAndAnUnreadableLineIsSkippedAlone() {
        ScoreUpdate a = new ScoreUpdate("a", EntityType.MUSIC, "2024", 3.5, "standard", 1, "clip\n1", 7, "t");
        ScoreUpdate b = new ScoreUpdate("b", EntityType.CONTENT, "2024-W07", 1.25, "creation", 2, null, 0, "t");
        StringBuilder record = ScoreUpdateJson.append(new StringBuilder(), a).append('\n');
        record.append("{\"entityType\":\"SONG\"}\n");
        ScoreUpdateJson.append(record, b);
        List<Integer> bad = new ArrayList<>();
        assertEquals(List.of(a, b), ScoreUpdateJson.readLines(record.toString(), (line, e) -> bad.add(line)));
        assertEquals(List.of(1), bad, "only the second line was unreadable");
        assertEquals(List.of(b), ScoreUpdateJson.readLines(ScoreUpdateJson.write(b), (line, e) -> bad.add(line)),
                "a record of one update, as scorers before batching wrote it, reads as that update");
    }
}
