package io.caimei.demo.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Zipf-like popularity over a ranked list: rank k (1-based) has weight 1 / k^exponent; sampled by binary search. */
public final class Zipf {

    public static final double EXPONENT = 1.1;

    private final double[] cumulative;

    public Zipf(int size, double exponent) {
        if (size < 1) {
            throw new IllegalArgumentException("a Zipf distribution needs at least one rank");
        }
        cumulative = new double[size];
        double sum = 0;
        for (int k = 1; k <= size; k++) {
            sum += weight(k, exponent);
            cumulative[k - 1] = sum;
        }
    }

    /** The unnormalized weight of rank k (1-based). */
    public static double weight(int k, double exponent) {
        return 1.0 / Math.pow(k, exponent);
    }

    public int size() {
        return cumulative.length;
    }

    /** The probability of the 0-based index i. */
    public double probability(int i) {
        double total = cumulative[cumulative.length - 1];
        return (cumulative[i] - (i == 0 ? 0 : cumulative[i - 1])) / total;
    }

    /** A 0-based index, index 0 the most popular. */
    public int sample(SplittableRandom rng) {
        double u = rng.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, u);
        i = i >= 0 ? i + 1 : -i - 1;
        return Math.min(i, cumulative.length - 1);
    }
}
