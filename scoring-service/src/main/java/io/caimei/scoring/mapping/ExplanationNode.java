package io.caimei.scoring.mapping;

import java.math.BigDecimal;

/**
 * One node of an explanation's tree: its labels (Chinese, English), its parent (null for C1 and C2, which hang from
 * the index), its weight in the profile and its contribution to S.
 */
public record ExplanationNode(String code, String level, String parent, String label, String labelEn,
        BigDecimal weight, double contribution) {
}
