package io.caimei.scoring.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.caimei.events.EntityType;
import io.caimei.events.Indicator;

/** The stored line of an aggregate reads back as counts and type, whatever HyperLogLog bytes follow it. */
class AggregateValueTest {

    @Test
    void theLineGivesEveryIndicatorAndTheBinaryHyperLogLogsAfterItAreIgnored() {
        byte[] line = "m 5 2 7 0 0 0 0 0 0 -1 0 0 3 4 \n".getBytes(StandardCharsets.US_ASCII);
        byte[] stored = new byte[line.length + 4];
        System.arraycopy(line, 0, stored, 0, line.length);
        stored[line.length] = 'H';
        stored[line.length + 1] = '\n';
        stored[line.length + 2] = (byte) 0xff;
        AggregateValue v = AggregateValue.parse(stored);
        assertEquals(EntityType.MUSIC, v.type());
        assertEquals(5L, v.raw().get(Indicator.E1));
        assertEquals(2L, v.raw().get(Indicator.E2));
        assertEquals(7L, v.raw().get(Indicator.E3));
        assertEquals(-1L, v.raw().get(Indicator.E10));
        assertEquals(3L, v.raw().get(Indicator.E13));
        assertEquals(13, v.raw().size());
    }

    @Test
    void everyEntityTypeHasItsOwnCode() {
        for (EntityType t : EntityType.values()) {
            String line = AggregateValue.code(t) + " 0 0 0 0 0 0 0 0 0 0 0 0 0 0";
            assertEquals(t, AggregateValue.parse(line.getBytes(StandardCharsets.US_ASCII)).type());
        }
    }

    @Test
    void aValueThatIsNotAnAggregateIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> AggregateValue.parse("CONTENT 1 2".getBytes(StandardCharsets.US_ASCII)));
    }
}
