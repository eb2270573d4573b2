package io.caimei.scoring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caimei.events.Indicator;
import io.caimei.scoring.mapping.Explanation;

/** Golden values of the index formula from the design's worked example. */
class IndexCalculatorTest {

    static Map<Indicator, Long> workedExample() {
        Map<Indicator, Long> x = new EnumMap<>(Indicator.class);
        x.put(Indicator.E1, 1000L);
        x.put(Indicator.E2, 400L);
        x.put(Indicator.E3, 50L);
        x.put(Indicator.E4, 10L);
        x.put(Indicator.E5, 2000L);
        x.put(Indicator.E6, 300L);
        x.put(Indicator.E7, 120L);
        x.put(Indicator.E8, 40L);
        x.put(Indicator.E9, 60L);
        x.put(Indicator.E10, 25L);
        return x;
    }

    @Test
    void theWorkedExampleScores210point1421UnderStandard() {
        assertEquals(210.1421, IndexCalculator.index(DefaultProfiles.standard(), workedExample()), 5e-5);
    }

    @Test
    void theWorkedExampleScores57point2189UnderCreation() {
        assertEquals(57.2189, IndexCalculator.index(DefaultProfiles.creation(), workedExample()), 5e-5);
    }

    @Test
    void theWorkedExampleScores273point5671UnderPromotion() {
        assertEquals(273.5671, IndexCalculator.index(DefaultProfiles.promotion(), workedExample()), 5e-5);
    }

    @Test
    void anEntityWithNothingScoresZero() {
        assertEquals(0.0, IndexCalculator.index(DefaultProfiles.standard(), Map.of()));
    }

    @Test
    void aNegativeNetFollowerCountContributesNothingRatherThanReducingTheScore() {
        Map<Indicator, Long> x = new EnumMap<>(Indicator.class);
        x.put(Indicator.E5, 10L);
        double without = IndexCalculator.index(DefaultProfiles.standard(), x);
        x.put(Indicator.E10, -7L);
        assertEquals(without, IndexCalculator.index(DefaultProfiles.standard(), x));
    }

    @Test
    void theExplanationsNodeContributionsAddUpToSAndTheIndex() {
        Explanation e = IndexCalculator.explain("content-001", "2024-02-14", DefaultProfiles.standard(), workedExample());
        double c = e.contributions().get("C1") + e.contributions().get("C2");
        assertEquals(e.s(), c, 1e-12);
        assertEquals(e.contributions().get("C1"), e.contributions().get("D1") + e.contributions().get("D2"), 1e-12);
        assertEquals(0.5 * 0.6 * 0.5 * Math.log1p(1000), e.contributions().get("E1"), 1e-12);
        assertEquals(210.1421, e.index(), 5e-5);
        assertEquals(400L, e.raw().get("E2"));
    }

    @Test
    void theSeededProfilesAreValid() {
        for (WeightProfile p : DefaultProfiles.all()) {
            assertEquals(List.of(), WeightTree.validate(p.weights()), p.name());
        }
    }
}
