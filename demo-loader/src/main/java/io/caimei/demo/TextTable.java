package io.caimei.demo;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table that aligns Chinese text by display width (CJK and full-width characters count two columns). */
final class TextTable {

    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] rightAligned;

    TextTable(boolean[] rightAligned, String... header) {
        this.rightAligned = rightAligned;
        rows.add(header);
    }

    void add(String... cells) {
        rows.add(cells);
    }

    String render(String indent) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], width(r[c]));
            }
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            b.append(indent);
            for (int c = 0; c < columns; c++) {
                String pad = " ".repeat(width[c] - width(r[c]));
                b.append(rightAligned[c] ? pad + r[c] : r[c] + (c == columns - 1 ? "" : pad));
                if (c < columns - 1) {
                    b.append("  ");
                }
            }
            b.append(System.lineSeparator());
            if (i == 0) {
                b.append(indent);
                int total = 0;
                for (int w : width) {
                    total += w;
                }
                b.append("-".repeat(total + 2 * (columns - 1))).append(System.lineSeparator());
            }
        }
        return b.toString();
    }

    /** Display columns of a string in a terminal. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length();) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            w += wide(cp) ? 2 : 1;
        }
        return w;
    }

    private static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
