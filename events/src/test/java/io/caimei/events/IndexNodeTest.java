package io.caimei.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The label table reads as the report does and hangs every node under the parent the formula uses. */
class IndexNodeTest {

    @Test
    void theNodesCarryTheReportsChineseNamesAndEnglishOnes() {
        assertEquals("通信网因子", IndexNode.C1.label());
        assertEquals("互联网因子", IndexNode.C2.label());
        assertEquals("曝光因子", IndexNode.D1.label());
        assertEquals("互动因子", IndexNode.D2.label());
        assertEquals("传播因子", IndexNode.D3.label());
        assertEquals("创作因子", IndexNode.D4.label());
        assertEquals("N#互动数", IndexNode.E4.label());
        assertEquals("创作工具付费人数", IndexNode.E13.label());
        assertEquals("Propagation", IndexNode.D3.labelEn());
        assertEquals("Paying creation-tool users", IndexNode.E13.labelEn());
    }

    @Test
    void everyNodeHasItsParentInTheTree() {
        assertNull(IndexNode.C1.parent());
        assertNull(IndexNode.C2.parent());
        assertEquals("C1", IndexNode.D2.parent());
        assertEquals("C2", IndexNode.D4.parent());
        for (Indicator i : Indicator.values()) {
            IndexNode e = IndexNode.valueOf(i.name());
            assertEquals(i.factor(), e.parent(), i.name());
            assertEquals(i.network().node(), IndexNode.valueOf(e.parent()).parent(), i.name());
        }
    }

    @Test
    void thereAreNineteenNodesEachWithItsOwnLabels() {
        assertEquals(19, IndexNode.values().length);
        Set<String> zh = new HashSet<>();
        Set<String> en = new HashSet<>();
        Arrays.stream(IndexNode.values()).forEach(n -> {
            zh.add(n.label());
            en.add(n.labelEn());
        });
        assertEquals(19, zh.size(), "no two nodes share a Chinese label");
        assertEquals(19, en.size(), "no two nodes share an English label");
    }

    @Test
    void aCodeIsFoundWhateverItsCaseAndAnUnknownOneIsNot() {
        assertEquals(IndexNode.E10, IndexNode.of(" e10 ").orElseThrow());
        assertEquals("E", IndexNode.E10.level());
        assertEquals("D", IndexNode.D1.level());
        assertTrue(IndexNode.of("C2").isPresent());
        assertFalse(IndexNode.of("E14").isPresent());
        assertFalse(IndexNode.of(null).isPresent());
    }
}
