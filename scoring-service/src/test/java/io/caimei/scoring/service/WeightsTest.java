package io.caimei.scoring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.caimei.common.rest.Problem;
import io.caimei.events.Indicator;

/** Weights stay the decimals they were entered as, and a partial set is completed from a profile. */
class WeightsTest {

    @Test
    void theSeededProfilesHoldTheDesignsDecimalsNotBinaryNoise() {
        assertEquals("0.3", DefaultProfiles.standard().weights().get("D4").toPlainString());
        assertEquals("0.3", DefaultProfiles.promotion().weights().get("C2").toPlainString());
        assertEquals("0.2", DefaultProfiles.promotion().weights().get("D4").toPlainString());
        assertEquals(List.of("C1", "C2", "D1", "D2", "D3", "D4", "E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9",
                "E10", "E11", "E12", "E13"), List.copyOf(DefaultProfiles.creation().weights().keySet()));
    }

    @Test
    void aDoubleArtefactStoredByAnEarlierVersionReadsAsTheDecimalItStoodFor() {
        assertEquals("0.3", Weights.fromStore(new BigDecimal("0.30000000000000004")).toPlainString());
        assertEquals("0.2", Weights.fromStore(new BigDecimal("0.19999999999999996")).toPlainString());
        assertEquals("0.3", Weights.fromStore(new BigDecimal("0.30")).toPlainString());
        assertEquals("0.1234567890123456789",
                Weights.fromStore(new BigDecimal("0.1234567890123456789")).toPlainString(), "entered digits kept");
        assertEquals("0.0000001", Weights.print(new BigDecimal("1E-7")));
    }

    @Test
    void aPartialSetIsFilledFromTheProfileInTreeOrder() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("E6", new BigDecimal("0.25"));
        given.put("D3", new BigDecimal("0.9"));
        Map<String, BigDecimal> parsed = Weights.parse(given);
        Map<String, BigDecimal> full = Weights.fill(parsed, DefaultProfiles.standard());

        assertEquals(19, full.size());
        assertEquals(new BigDecimal("0.9"), full.get("D3"));
        assertEquals(new BigDecimal("0.25"), full.get("E6"));
        assertEquals(new BigDecimal("0.3"), full.get("D4"), "from the profile");
        assertEquals(List.of("D3", "E6"), Weights.codes(parsed));
        assertTrue(WeightTree.validate(full).contains("C2: children [D3, D4] sum to 1.2, not 1"),
                WeightTree.validate(full).toString());
    }

    @Test
    void everyBadWeightIsNamedInOne400() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("E5", new BigDecimal("-0.1"));
        given.put("F1", new BigDecimal("0.1"));
        given.put("E6", "0.2");
        given.put("<script>", new BigDecimal("0.1"));
        Problem p = assertThrows(Problem.class, () -> Weights.parse(given));
        assertEquals(400, p.status());
        assertEquals("E5: weight must be a finite non-negative number, got -0.1; "
                + "F1: unknown node (expected one of C1, C2, D1..D4, E1..E13); "
                + "E6: weight must be a number, got a string; "
                + "(a key that is no node code): unknown node (expected one of C1, C2, D1..D4, E1..E13)",
                p.getMessage());
    }

    @Test
    void theFormulaComputesFromTheDecimalsAsDoubles() {
        WeightProfile p = DefaultProfiles.standard();
        assertEquals(0.5 * 0.3 * 0.4, p.effectiveWeight(Indicator.E11), 0.0);
    }
}
