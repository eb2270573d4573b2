package io.caimei.ranking.mapping;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Board entries as CSV (RFC 4180: CRLF rows, fields with a comma, quote or line break quoted, quotes doubled),
 * UTF-8 with a byte order mark so spreadsheet programs read Chinese names right; scores with 4 decimals. A text
 * cell (id, name, movement) that a spreadsheet would run as a formula, one starting with {@code = + - @}, tab or CR,
 * gets a leading {@code '} (OWASP's CSV injection advice); ranks and scores are numbers and never start so.
 */
public final class EntryCsv {

    /** The media type of the export, with its charset. */
    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";

    private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
    private static final String HEADER = "rank,entityId,name,score,movement,previousRank,peakRank,periodsOnBoard";
    private static final String CONTRIBUTOR_HEADER = ",topContributor,topContributorName";

    private EntryCsv() {
    }

    /** The BOM and the header row; boards that report top contributors get their two columns. */
    public static byte[] head(boolean topContributors) {
        byte[] header = (HEADER + (topContributors ? CONTRIBUTOR_HEADER : "") + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[BOM.length + header.length];
        System.arraycopy(BOM, 0, out, 0, BOM.length);
        System.arraycopy(header, 0, out, BOM.length, header.length);
        return out;
    }

    /** One row per entry, in the given order. */
    public static byte[] rows(List<Entry> entries, boolean topContributors) {
        StringBuilder b = new StringBuilder(entries.size() * 80);
        for (Entry e : entries) {
            b.append(e.rank()).append(',').append(field(e.entityId())).append(',').append(field(e.name())).append(',')
                    .append(score(e.score())).append(',').append(field(e.movement()))
                    .append(',').append(number(e.previousRank())).append(',').append(number(e.peakRank()))
                    .append(',').append(e.periodsOnBoard());
            if (topContributors) {
                b.append(',').append(field(e.topContributor())).append(',').append(field(e.topContributorName()));
            }
            b.append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Four decimals; a score that rounds to zero is written 0.0000, never -0.0000 (a sum's rounding residue). */
    static String score(double score) {
        String s = String.format(Locale.ROOT, "%.4f", score);
        return "-0.0000".equals(s) ? "0.0000" : s;
    }

    /** A whole page: BOM, header and its rows. */
    public static byte[] of(List<Entry> entries, boolean topContributors) {
        byte[] head = head(topContributors);
        byte[] rows = rows(entries, topContributors);
        byte[] out = new byte[head.length + rows.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(rows, 0, out, head.length, rows.length);
        return out;
    }

    private static String number(Integer n) {
        return n == null ? "" : n.toString();
    }

    static String field(String v) {
        if (v == null) {
            return "";
        }
        String text = isFormula(v) ? "'" + v : v;
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /** Whether a spreadsheet would run the cell as a formula (tab and CR: some strip them, then read on). */
    private static boolean isFormula(String v) {
        if (v.isEmpty()) {
            return false;
        }
        char first = v.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
