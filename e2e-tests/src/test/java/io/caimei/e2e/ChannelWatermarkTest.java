package io.caimei.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Year;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.caimei.events.Channel;
import io.restassured.path.json.JsonPath;

/**
 * A watermark per channel (DESIGN §4): internet events running hours ahead do not close a day that a telecom file has
 * not reached; a channel silent for the idle timeout stops holding periods open and holds them again once it sends.
 * A scorer and a ranking service of their own (2 h lateness, 6 h idle timeout). Year 2010.
 */
class ChannelWatermarkTest {

    private static OwnScoring own;

    @BeforeAll
    static void startOwnScorerAndRanking() throws Exception {
        own = new OwnScoring("cw", 18094, 18095,
                List.of("-Dcaimei.scoring.allowed-lateness=PT2H", "-Dcaimei.scoring.channel-idle-timeout=PT6H"));
    }

    @AfterAll
    static void stop() {
        if (own != null) {
            own.close();
        }
    }

    private static boolean closed(String period) {
        return own.board(period).jsonPath().getBoolean("closed");
    }

    private static Map<String, Object> channel(String name) {
        List<Map<String, Object>> channels = own.periods().getList("channels");
        return channels.stream().filter(c -> name.equals(c.get("channel"))).findFirst().orElseThrow();
    }

    @Test
    void aCrbtFileDeliveredHoursLateStillCountsAndAnIdleChannelStopsHoldingPeriodsOpen() throws Exception {
        own.send(Channel.MIGU_APP, "E5", "cw-a", "2010-03-02T10:00:00+08:00", 5);
        own.send(Channel.CRBT, "E1", "cw-a", "2010-03-02T22:30:00+08:00", 1);
        // the internet app runs 4.5 h ahead: alone it would close the day (03:00 − 2 h is past midnight)
        own.send(Channel.MIGU_APP, "E5", "cw-b", "2010-03-03T03:00:00+08:00", 1);
        own.await("2010-03-03", j -> j.getInt("total") == 1);
        Thread.sleep(2500);
        assertFalse(closed("2010-03-02"), "CRBT has only reached 22:30: the day stays open for its files");

        // the CRBT file for 23:00-24:00 arrives now, 2.5 h after its hour: every play counts on the day
        own.send(Channel.CRBT, "E1", "cw-a", "2010-03-02T23:30:00+08:00", 3);
        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonPath day = null;
        while (System.nanoTime() < deadline && (day == null || day.getLong("raw.E1") != 4)) {
            Thread.sleep(250);
            day = own.explanation("cw-a", "2010-03-02");
        }
        assertEquals(4L, day.getLong("raw.E1"), "the late-delivered file counted on its day");
        assertEquals(5L, day.getLong("raw.E5"));
        assertFalse(Pii.kafka(own.topics + "caimei.events.dlq.v1").contains("\"reason\":\"LATE\""),
                "nothing of the file was dead-lettered LATE");

        // once CRBT too is past 02:00, the day closes, with the file's plays in its frozen board
        own.send(Channel.CRBT, "E1", "cw-c", "2010-03-03T02:30:00+08:00", 1);
        JsonPath frozen = own.await("2010-03-02", j -> j.getBoolean("closed"));
        assertEquals("CLOSED", frozen.getString("state"));
        assertEquals(List.of("cw-a"), frozen.getList("entries.entityId"));

        // CRBT and the caller-ID card fall silent for more than 6 h of event time: idle, they hold nothing open
        own.send(Channel.CALLER_ID, "E1", "cw-d", "2010-03-03T04:00:00+08:00", 1);
        own.send(Channel.MIGU_APP, "E5", "cw-b", "2010-03-04T03:00:00+08:00", 1);
        own.await("2010-03-03", j -> j.getBoolean("closed"));
        assertEquals(true, channel("CRBT").get("idle"));
        assertEquals(true, channel("CALLER_ID").get("idle"));
        assertEquals(false, channel("MIGU_APP").get("idle"));

        // the caller-ID card sends again, 6 h behind at most: it holds the next day open again
        own.send(Channel.CALLER_ID, "E1", "cw-d", "2010-03-04T21:00:00+08:00", 1);
        own.send(Channel.MIGU_APP, "E5", "cw-b", "2010-03-05T02:30:00+08:00", 1);
        own.await("2010-03-05", j -> j.getInt("total") == 1);
        Thread.sleep(2500);
        assertEquals(false, channel("CALLER_ID").get("idle"));
        assertFalse(closed("2010-03-04"), "the caller-ID card at 21:00 holds the day open");
        own.send(Channel.CALLER_ID, "E1", "cw-d", "2010-03-05T02:10:00+08:00", 1);
        own.await("2010-03-04", j -> j.getBoolean("closed"));
    }

    @Test
    void aPeriodThatEndedWithNothingRankedIsEmptyAndOneThatHasNotEndedIsOpen() {
        JsonPath empty = own.board("2010-01-15").jsonPath();
        assertEquals(0, empty.getInt("total"));
        assertEquals("EMPTY", empty.getString("state"));
        assertFalse(empty.getBoolean("closed"), "nothing was frozen");
        String nextYear = String.valueOf(Year.now().getValue() + 1);
        assertEquals("OPEN", own.board(nextYear).jsonPath().getString("state"),
                "a period that has not ended is open, ranked or not");
    }
}
