package io.caimei.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.api.Test;

/** The hand-written paths read and print exactly what ISO_OFFSET_DATE_TIME reads and prints. */
class IsoTimesTest {

    private static final String[] TIMES = { "2024-02-14T10:00:00+08:00", "2024-02-14T10:00:00Z",
            "2024-12-31T23:59:59.999+08:00", "2024-02-29T00:00:00.5-05:30", "1999-01-01T00:00:00.123456789+14:00",
            "2024-02-14T10:00+08:00", "2024-02-14T10:00:00+08:00:00", "2024-02-14T10:00:00.120+08:00",
            "0999-01-01T00:00:00+08:00", "2024-06-01T12:00:00-00:00" };

    @Test
    void readsTheSameDateTimeAndOffsetAsTheFormatter() {
        for (String t : TIMES) {
            OffsetDateTime expected = OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            assertEquals(expected, IsoTimes.offsetDateTime(t), t);
            assertEquals(expected.toInstant(), IsoTimes.instant(t), t);
        }
    }

    @Test
    void printsWhatTheFormatterPrints() {
        for (String t : TIMES) {
            OffsetDateTime at = OffsetDateTime.parse(t);
            assertEquals(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at), IsoTimes.format(at), t);
        }
        OffsetDateTime odd = OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 600, ZoneOffset.ofTotalSeconds(3723));
        assertEquals(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(odd), IsoTimes.format(odd));
    }

    @Test
    void anImpossibleOrOffsetlessTimeIsRefusedAsTheFormatterRefusesIt() {
        for (String t : new String[] { "2023-02-29T10:00:00+08:00", "2024-13-01T10:00:00+08:00",
                "2024-02-14T24:00:00+08:00", "2024-02-14 10:00:00+08:00", "2024-02-14T10:00:00", "",
                "2024-02-14T10:00:00+19:00" }) {
            assertThrows(DateTimeParseException.class, () -> IsoTimes.offsetDateTime(t), t);
        }
    }
}
