package io.caimei.demo.generate;

import java.util.SplittableRandom;

/**
 * A deterministic pool of synthetic mainland mobile numbers (11 digits, 13x/15x/18x) and opaque internet uids.
 * They are random test data, not numbers of known people; some are written messily ({@code +86 138-0013-8000},
 * {@code 86…}) because ingest normalizes them.
 */
public final class PhonePool {

    private static final String[] PREFIXES = { "130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
        "150", "151", "152", "153", "155", "156", "157", "158", "159",
        "180", "181", "182", "183", "184", "185", "186", "187", "188", "189" };

    private final String[] numbers;
    private final String[] uids;

    public PhonePool(int size, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("the phone pool needs at least one number");
        }
        SplittableRandom rng = new SplittableRandom(seed ^ 0x13800138000L);
        numbers = new String[size];
        uids = new String[size];
        for (int i = 0; i < size; i++) {
            numbers[i] = PREFIXES[rng.nextInt(PREFIXES.length)] + EventGenerator.zeroPad(rng.nextInt(100_000_000), 8);
            uids[i] = "u" + Long.toString(rng.nextLong() & 0xFFFFFFFFFFL, 36);
        }
    }

    /** A pool size that gives a realistic number of distinct users for {@code records} records. */
    public static int sizeFor(long records) {
        return (int) Math.max(2_000, Math.min(500_000, records / 6));
    }

    public int size() {
        return numbers.length;
    }

    /** The canonical 11-digit number of user i. */
    public String number(int i) {
        return numbers[i];
    }

    /** An opaque internet uid of user i (not a phone number). */
    public String uid(int i) {
        return uids[i];
    }

    /** A user index, mildly skewed so heavy users exist: the square of a uniform draw favours low indices. */
    public int user(SplittableRandom rng) {
        double u = rng.nextDouble();
        return (int) (u * (0.4 + 0.6 * u) * numbers.length);
    }

    /** User i's number as an upstream system might write it: mostly plain, sometimes with +86, 86, spaces, dashes. */
    public String messy(int i, SplittableRandom rng) {
        String n = numbers[i];
        int r = rng.nextInt(100);
        if (r < 78) {
            return n;
        } else if (r < 86) {
            return "+86" + n;
        } else if (r < 92) {
            return "86" + n;
        } else if (r < 97) {
            return "+86 " + n.substring(0, 3) + "-" + n.substring(3, 7) + "-" + n.substring(7);
        } else {
            return n.substring(0, 3) + " " + n.substring(3, 7) + " " + n.substring(7);
        }
    }
}
