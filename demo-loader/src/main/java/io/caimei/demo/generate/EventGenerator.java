package io.caimei.demo.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Generates the demo year's native records hour by hour, in time order, deterministically from the seed: each hour
 * has its own random stream, so an hour's records do not depend on how the others were consumed.
 */
public final class EventGenerator {

    /** An internet act with its weight and where it points. */
    record Act(String name, int weight, String target, int campaignPercent) {
    }

    static final List<Act> ACTS = List.of(
            new Act("play", 50, CatalogEntry.CONTENT, 8),
            new Act("like", 12, CatalogEntry.CONTENT, 0),
            new Act("share", 6, CatalogEntry.CONTENT, 15),
            new Act("comment", 4, CatalogEntry.CONTENT, 0),
            new Act("favorite", 5, CatalogEntry.CONTENT, 0),
            new Act("follow", 5, CatalogEntry.ACCOUNT, 0),
            new Act("unfollow", 1, CatalogEntry.ACCOUNT, 0),
            new Act("subscribe", 3, CatalogEntry.ACCOUNT, 0),
            new Act("order", 2, CatalogEntry.CONTENT, 0),
            new Act("publish", 2, CatalogEntry.AI_APP, 0),
            new Act("tool_use", 8, CatalogEntry.AI_APP, 0),
            new Act("tool_pay", 2, CatalogEntry.AI_APP, 0));

    private static final int ACT_TOTAL = ACTS.stream().mapToInt(Act::weight).sum();
    private static final Channel[] CHANNELS = Channel.values();
    private static final double[] CHANNEL_CUMULATIVE = new double[CHANNELS.length];

    static {
        double sum = 0;
        for (int i = 0; i < CHANNELS.length; i++) {
            sum += CHANNELS[i].share();
            CHANNEL_CUMULATIVE[i] = sum;
        }
    }

    private final long seed;
    private final YearRhythm rhythm;
    private final PhonePool phones;
    private final long[] counts;
    private final long[] before;
    private final long total;
    private final String idSeed;
    private final Pool contents;
    private final Pool accounts;
    private final Pool aiApps;
    private final Pool campaigns;

    public EventGenerator(DemoCatalog catalog, PhonePool phones, YearRhythm rhythm, long total, long seed) {
        if (total < 0) {
            throw new IllegalArgumentException("the number of events cannot be negative");
        }
        this.seed = seed;
        this.rhythm = rhythm;
        this.phones = phones;
        this.total = total;
        this.counts = rhythm.allocate(total);
        this.before = new long[counts.length];
        for (int h = 1; h < counts.length; h++) {
            before[h] = before[h - 1] + counts[h - 1];
        }
        this.idSeed = "s" + Long.toString(seed, 36).replace('-', 'n');
        this.contents = new Pool(catalog, CatalogEntry.CONTENT);
        this.accounts = new Pool(catalog, "ACCOUNT/SUBSCRIPTION", "ACCOUNT/SHICAI");
        this.aiApps = new Pool(catalog, CatalogEntry.AI_APP);
        this.campaigns = new Pool(catalog, "CAMPAIGN/BRAND", "CAMPAIGN/MUSIC", "CAMPAIGN/TOURISM");
        if (contents.isEmpty() && total > 0) {
            throw new IllegalArgumentException("the catalog has no CONTENT to generate events for");
        }
    }

    public long total() {
        return total;
    }

    public int hours() {
        return counts.length;
    }

    /** Records in hour h of the year. */
    public long count(int h) {
        return counts[h];
    }

    /** Every record of the year in time order. */
    public void forEach(Consumer<DemoEvent> sink) {
        for (int h = 0; h < counts.length; h++) {
            hour(h).forEach(sink);
        }
    }

    /** The records of hour h (0 = Jan 1, 00:00–01:00 Asia/Shanghai), in time order. */
    public List<DemoEvent> hour(int h) {
        int n = (int) counts[h];
        if (n == 0) {
            return List.of();
        }
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + h * 0xBF58476D1CE4E5B9L + 1);
        long[] millis = new long[n];
        int usable = rhythm.usableSeconds(h);
        for (int i = 0; i < n; i++) {
            millis[i] = rng.nextInt(usable) * 1000L + rng.nextInt(1000);
        }
        Arrays.sort(millis);
        long base = rhythm.hourStart(h) * 1000L;
        List<DemoEvent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(event(before[h] + i + 1, base + millis[i], rng));
        }
        return out;
    }

    private DemoEvent event(long seq, long at, SplittableRandom rng) {
        Channel channel = channel(rng.nextDouble());
        String id = channel.idPrefix() + "-" + idSeed + "-" + zeroPad(seq, 9);
        int user = phones.user(rng);
        String number = phones.number(user);
        return switch (channel) {
            case CRBT -> {
                int r = rng.nextInt(100);
                String action = r < 93 ? "PLAY" : r < 97 ? "ORDER_1#" : "N#";
                yield cdr(seq, channel, at, id, phones.messy(user, rng), phones.number(phones.user(rng)), action,
                        number, rng);
            }
            case CALLER_ID -> cdr(seq, channel, at, id, otherParty(rng), phones.messy(user, rng), "DISPLAY", number,
                    rng);
            case OUTBOUND_12530 -> cdr(seq, channel, at, id, "12530", phones.messy(user, rng),
                    rng.nextInt(100) < 90 ? "VIDEO_SHOWN" : "N#", number, rng);
            case MSG_5G -> new DemoEvent(seq, channel, at, id, phones.messy(user, rng), null,
                    rng.nextInt(100) < 88 ? "DISPLAYED" : "CLICKED", CatalogEntry.CONTENT, contents.pick(rng), number);
            default -> internet(seq, channel, at, id, user, rng);
        };
    }

    private DemoEvent cdr(long seq, Channel channel, long at, String id, String calling, String called,
            String action, String person, SplittableRandom rng) {
        boolean crbt = channel == Channel.CRBT;
        return new DemoEvent(seq, channel, at, id, crbt ? calling : called, crbt ? called : calling, action,
                CatalogEntry.CONTENT, contents.pick(rng), person);
    }

    /** The caller on a caller-ID card: mostly a mobile, sometimes a landline or a withheld number. */
    private String otherParty(SplittableRandom rng) {
        int r = rng.nextInt(10);
        if (r < 7) {
            return phones.number(phones.user(rng));
        }
        if (r < 9) {
            return "0" + (10 + rng.nextInt(90)) + zeroPad(rng.nextInt(100_000_000), 8);
        }
        return "";
    }

    private DemoEvent internet(long seq, Channel channel, long at, String id, int user, SplittableRandom rng) {
        // about 45 % of internet users are the same people as on the telecom network, identified by phone number
        boolean dual = Math.floorMod(user * 31 + 7, 20) < 9;
        String uid = dual ? phones.messy(user, rng) : phones.uid(user);
        String person = dual ? phones.number(user) : phones.uid(user);
        Act act = act(rng.nextInt(ACT_TOTAL));
        String type = act.target();
        String target;
        if (act.campaignPercent() > 0 && !campaigns.isEmpty() && rng.nextInt(100) < act.campaignPercent()) {
            type = CatalogEntry.CAMPAIGN;
            target = campaigns.pick(rng);
        } else {
            Pool pool = switch (type) {
                case CatalogEntry.ACCOUNT -> accounts;
                case CatalogEntry.AI_APP -> aiApps;
                default -> contents;
            };
            if (pool.isEmpty()) {
                type = CatalogEntry.CONTENT;
                pool = contents;
            }
            target = pool.pick(rng);
        }
        return new DemoEvent(seq, channel, at, id, uid, null, act.name(), type, target, person);
    }

    /** {@code value} in decimal, left-padded with zeros to {@code width} (String.format is slow in a hot loop). */
    static String zeroPad(long value, int width) {
        String s = Long.toString(value);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    private static Act act(int r) {
        for (Act a : ACTS) {
            r -= a.weight();
            if (r < 0) {
                return a;
            }
        }
        return ACTS.get(ACTS.size() - 1);
    }

    private static Channel channel(double u) {
        for (int i = 0; i < CHANNELS.length; i++) {
            if (u < CHANNEL_CUMULATIVE[i]) {
                return CHANNELS[i];
            }
        }
        return CHANNELS[CHANNELS.length - 1];
    }

    /** Zipf over one or more popularity classes; several classes are picked evenly, then Zipf within the class. */
    private static final class Pool {
        private final List<String[]> ids = new ArrayList<>();
        private final List<Zipf> zipfs = new ArrayList<>();

        Pool(DemoCatalog catalog, String... classes) {
            for (String c : classes) {
                List<CatalogEntry> ranked = catalog.ranked(c);
                if (!ranked.isEmpty()) {
                    ids.add(ranked.stream().map(CatalogEntry::id).toArray(String[]::new));
                    zipfs.add(new Zipf(ranked.size(), Zipf.EXPONENT));
                }
            }
        }

        boolean isEmpty() {
            return ids.isEmpty();
        }

        String pick(SplittableRandom rng) {
            int g = ids.size() == 1 ? 0 : rng.nextInt(ids.size());
            return ids.get(g)[zipfs.get(g).sample(rng)];
        }
    }
}
