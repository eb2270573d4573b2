package io.caimei.demo.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class EventGeneratorTest {

    private static final long EVENTS = 60_000;
    private static final Pattern MOBILE = Pattern.compile("1[358][0-9]{9}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Test
    void theSameSeedProducesByteIdenticalPayloadsAndAnotherSeedDifferentOnes() {
        List<String> first = Fixtures.bodies(EVENTS, 2024);
        List<String> second = Fixtures.bodies(EVENTS, 2024);
        assertEquals(first, second);
        assertNotEquals(first, Fixtures.bodies(EVENTS, 2025));
    }

    @Test
    void eventsAreInTimeOrderWithinTheYearAndExactlyAsManyAsAsked() {
        List<DemoEvent> events = Fixtures.events(EVENTS, 2024);
        assertEquals(EVENTS, events.size());
        long start = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant().toEpochMilli();
        long end = OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant().toEpochMilli();
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < events.size(); i++) {
            DemoEvent e = events.get(i);
            assertTrue(e.epochMilli() >= start && e.epochMilli() < end, "outside 2024: " + e);
            assertTrue(e.epochMilli() >= previous, "out of order at " + i);
            assertEquals(i + 1, e.seq());
            previous = e.epochMilli();
        }
    }

    @Test
    void eventIdsAreUniqueValidIdsDerivedFromSeedAndSequence() {
        List<DemoEvent> events = Fixtures.events(EVENTS, 2024);
        Set<String> ids = new HashSet<>();
        for (DemoEvent e : events) {
            assertTrue(ids.add(e.id()), "duplicate id " + e.id());
            assertTrue(ID.matcher(e.id()).matches(), e.id());
        }
        assertTrue(events.get(0).id().endsWith("-s" + Long.toString(2024, 36) + "-000000001"), events.get(0).id());
    }

    @Test
    void noEventIsGeneratedAfterNowWhenTheYearIsStillRunning() {
        Instant now = OffsetDateTime.of(2024, 6, 15, 12, 30, 0, 0, ZoneOffset.ofHours(8)).toInstant();
        DemoCatalog catalog = Fixtures.catalog(500, 7);
        EventGenerator g = new EventGenerator(catalog, new PhonePool(2000, 7), new YearRhythm(2024, now), 20_000, 7);
        long[] max = { Long.MIN_VALUE };
        long[] n = { 0 };
        g.forEach(e -> {
            max[0] = Math.max(max[0], e.epochMilli());
            n[0]++;
        });
        assertEquals(20_000, n[0]);
        assertTrue(max[0] < now.toEpochMilli(), "latest event " + Instant.ofEpochMilli(max[0]));
    }

    @Test
    void springFestivalDaysHaveSeveralTimesTheVolumeOfAnOrdinaryFebruaryDay() {
        YearRhythm rhythm = new YearRhythm(2024, Fixtures.FAR_FUTURE);
        long[] hours = rhythm.allocate(1_000_000);
        long ordinary = day(hours, LocalDate.of(2024, 2, 21));
        long newYear = day(hours, LocalDate.of(2024, 2, 10));
        assertTrue(newYear >= 4 * ordinary, "初一 " + newYear + " vs ordinary " + ordinary);
        for (LocalDate d = LocalDate.of(2024, 2, 9); !d.isAfter(LocalDate.of(2024, 2, 17)); d = d.plusDays(1)) {
            assertTrue(day(hours, d) >= 2.5 * ordinary, d + " " + day(hours, d) + " vs ordinary " + ordinary);
        }
        assertTrue(day(hours, LocalDate.of(2024, 5, 1)) >= 2.5 * day(hours, LocalDate.of(2024, 5, 8)));
        assertTrue(day(hours, LocalDate.of(2024, 10, 1)) >= 2.5 * day(hours, LocalDate.of(2024, 10, 9)));
    }

    @Test
    void eveningHoursCarryMoreThanTheSmallHours() {
        YearRhythm rhythm = new YearRhythm(2024, Fixtures.FAR_FUTURE);
        long[] hours = rhythm.allocate(1_000_000);
        int day = LocalDate.of(2024, 3, 6).getDayOfYear() - 1;
        assertTrue(hours[day * 24 + 20] > 10 * hours[day * 24 + 4]);
        assertTrue(hours[day * 24 + 9] > 5 * hours[day * 24 + 4]);
    }

    @Test
    void crbtDominatesTheChannelMix() {
        Map<Channel, Integer> n = new EnumMap<>(Channel.class);
        Fixtures.events(EVENTS, 2024).forEach(e -> n.merge(e.channel(), 1, Integer::sum));
        double crbt = n.get(Channel.CRBT) / (double) EVENTS;
        assertTrue(crbt > 0.53 && crbt < 0.57, "CRBT share " + crbt);
        assertTrue(n.get(Channel.MIGU_APP) > n.get(Channel.CALLER_ID));
        assertTrue(n.get(Channel.CALLER_ID) > n.get(Channel.MSG_5G));
        assertEquals(Channel.values().length, n.size());
    }

    @Test
    void reportNamesGetTheMostTrafficInReportOrder() {
        Map<String, Integer> hits = new HashMap<>();
        Fixtures.events(200_000, 2024).forEach(e -> hits.merge(e.targetId(), 1, Integer::sum));
        int maxGenerated = hits.entrySet().stream().filter(en -> en.getKey().startsWith("gen-content-"))
                .mapToInt(Map.Entry::getValue).max().orElseThrow();
        for (int r = 1; r <= 10; r++) {
            int here = hits.get(String.format("content-%03d", r));
            assertTrue(here > maxGenerated, "content-" + r + " " + here + " vs generated " + maxGenerated);
            if (r > 1) {
                assertTrue(hits.get(String.format("content-%03d", r - 1)) > here, "order broken at " + r);
            }
        }
    }

    @Test
    void cdrLinesHaveExactlySixFieldsAndValidLocalTimestamps() {
        DateTimeFormatter strict = DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);
        int lines = 0;
        for (DemoEvent e : Fixtures.events(EVENTS, 2024)) {
            if (e.channel().format() != Channel.Format.CDR) {
                continue;
            }
            String line = Payloads.cdrLine(new StringBuilder(), e).toString();
            String[] f = line.split("\\|", -1);
            assertEquals(6, f.length, line);
            LocalDateTime local = LocalDateTime.parse(f[5], strict);
            assertEquals(e.epochMilli() / 1000, local.toEpochSecond(ZoneOffset.ofHours(8)), line);
            assertEquals(2024, local.getYear());
            String user = e.channel() == Channel.CRBT ? f[1] : f[2];
            assertTrue(MOBILE.matcher(normalize(user)).matches(), "user party " + line);
            assertEquals(e.targetId(), f[3]);
            switch (e.channel()) {
                case CRBT -> assertTrue(List.of("PLAY", "ORDER_1#", "N#").contains(f[4]), line);
                case CALLER_ID -> assertEquals("DISPLAY", f[4]);
                default -> assertTrue(List.of("VIDEO_SHOWN", "N#").contains(f[4]), line);
            }
            lines++;
        }
        assertTrue(lines > EVENTS / 2);
    }

    @Test
    void jsonPayloadsCarryTheNativeFieldsAndPlausibleTargets() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Set<String> acts = new HashSet<>();
        Set<String> messyForms = new HashSet<>();
        int phoneUids = 0;
        int opaqueUids = 0;
        for (String request : Fixtures.bodies(EVENTS, 2024)) {
            String channel = request.substring(0, request.indexOf('\n'));
            String body = request.substring(request.indexOf('\n') + 1);
            if (channel.equals("MSG_5G")) {
                for (JsonNode n : json.readTree(body)) {
                    assertTrue(n.get("timestamp").isIntegralNumber());
                    assertTrue(n.get("msisdn").isTextual());
                    assertTrue(MOBILE.matcher(normalize(n.get("msisdn").asText())).matches());
                    assertTrue(List.of("DISPLAYED", "CLICKED").contains(n.get("status").asText()));
                    assertTrue(n.get("contentId").asText().matches("(gen-)?content-[0-9]+"));
                }
            } else if (!Channel.valueOf(channel).format().equals(Channel.Format.CDR)) {
                for (JsonNode n : json.readTree(body)) {
                    String act = n.get("act").asText();
                    acts.add(act);
                    String type = n.get("target").get("type").asText();
                    switch (act) {
                        case "follow", "unfollow", "subscribe" -> assertEquals("ACCOUNT", type);
                        case "tool_use", "tool_pay", "publish" -> assertEquals("AI_APP", type);
                        case "play", "share" -> assertTrue(type.equals("CONTENT") || type.equals("CAMPAIGN"));
                        default -> assertEquals("CONTENT", type);
                    }
                    OffsetDateTime t = OffsetDateTime.parse(n.get("t").asText());
                    assertEquals(ZoneOffset.ofHours(8), t.getOffset());
                    assertEquals(2024, t.getYear());
                    String uid = n.get("uid").asText();
                    if (uid.startsWith("u")) {
                        opaqueUids++;
                    } else {
                        phoneUids++;
                        assertTrue(MOBILE.matcher(normalize(uid)).matches(), uid);
                        messyForms.add(uid.startsWith("+86 ") ? "spaced" : uid.startsWith("+86") ? "plus"
                                : uid.startsWith("86") ? "86" : "plain");
                    }
                }
            }
        }
        assertEquals(Set.copyOf(List.of("play", "like", "share", "comment", "favorite", "follow", "unfollow",
                "publish", "subscribe", "order", "tool_use", "tool_pay")), acts);
        assertTrue(phoneUids > 0 && opaqueUids > 0);
        assertTrue(messyForms.containsAll(List.of("spaced", "plus", "86", "plain")), messyForms.toString());
    }

    /** The ingest rule: +86 / 86 / 0086 prefix, spaces and dashes removed. */
    private static String normalize(String raw) {
        String s = raw.replaceAll("[\\s-]", "");
        if (s.startsWith("+86")) {
            s = s.substring(3);
        } else if (s.startsWith("0086")) {
            s = s.substring(4);
        } else if (s.length() == 13 && s.startsWith("86")) {
            s = s.substring(2);
        }
        return s;
    }

    private static long day(long[] hours, LocalDate d) {
        int start = (d.getDayOfYear() - 1) * 24;
        long n = 0;
        for (int h = start; h < start + 24; h++) {
            n += hours[h];
        }
        return n;
    }
}
