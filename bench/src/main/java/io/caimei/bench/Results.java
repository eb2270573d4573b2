package io.caimei.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.SerializationFeature;

/** Every figure of a run, printed as measured and written as BENCHMARKS.md and bench/results.json. */
final class Results {

    /** One measured figure next to the machine limit it is compared with (null when none applies). */
    record Row(String id, String figure, double value, String unit, String limit, Double limitValue,
            String limitUnit, Double ratio, String detail, String command) {
    }

    static final class Section {
        final String id;
        final String title;
        final List<String> notes = new ArrayList<>();
        final List<Row> rows = new ArrayList<>();
        final List<String> commands = new ArrayList<>();

        Section(String id, String title) {
            this.id = id;
            this.title = title;
        }
    }

    final String runId;
    final Map<String, Object> machine = new LinkedHashMap<>();
    final Map<String, Object> run = new LinkedHashMap<>();
    final List<Section> sections = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final Map<String, Row> byId = new LinkedHashMap<>();

    Results(String runId) {
        this.runId = runId;
    }

    Section section(String id, String title) {
        for (Section s : sections) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        Section s = new Section(id, title);
        sections.add(s);
        return s;
    }

    /** Adds a figure and prints it with its ratio. */
    Row add(Section s, Row row) {
        s.rows.add(row);
        byId.put(row.id(), row);
        StringBuilder line = new StringBuilder("[bench] ").append(row.figure()).append(": ")
                .append(num(row.value())).append(' ').append(row.unit());
        if (row.limitValue() != null) {
            line.append("   limit ").append(row.limit()).append(" = ").append(num(row.limitValue())).append(' ')
                    .append(row.limitUnit());
        }
        if (row.ratio() != null) {
            line.append("   ratio ").append(ratio(row.ratio()));
        }
        if (row.detail() != null && !row.detail().isEmpty()) {
            line.append("   (").append(row.detail()).append(')');
        }
        System.out.println(line);
        return row;
    }

    Double value(String id) {
        Row r = byId.get(id);
        return r == null || Double.isNaN(r.value()) ? null : r.value();
    }

    void warn(String message) {
        warnings.add(message);
        System.out.println("[bench] WARNING: " + message);
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String ratio(double r) {
        if (Double.isNaN(r) || Double.isInfinite(r)) {
            return "n/a";
        }
        if (r >= 10) {
            return String.format(Locale.ROOT, "%.1f×", r);
        }
        if (r >= 0.1) {
            return String.format(Locale.ROOT, "%.2f×", r);
        }
        return new BigDecimal(r).round(new MathContext(2)).stripTrailingZeros().toPlainString()
                + "×";
    }

    static Double ratioOf(double value, Double limit) {
        if (limit == null || limit == 0 || Double.isNaN(value) || Double.isNaN(limit)) {
            return null;
        }
        return value / limit;
    }

    void writeJson(Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("runId", runId);
        root.put("machine", machine);
        root.put("run", run);
        List<Map<String, Object>> secs = new ArrayList<>();
        for (Section s : sections) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id);
            m.put("title", s.title);
            m.put("notes", s.notes);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Row r : s.rows) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", r.id());
                row.put("figure", r.figure());
                row.put("value", Double.isNaN(r.value()) ? null : r.value());
                row.put("unit", r.unit());
                row.put("limit", r.limit());
                row.put("limitValue", r.limitValue());
                row.put("limitUnit", r.limitUnit());
                row.put("ratio", r.ratio());
                row.put("detail", r.detail());
                row.put("command", r.command());
                rows.add(row);
            }
            m.put("rows", rows);
            m.put("commands", s.commands);
            secs.add(m);
        }
        root.put("sections", secs);
        root.put("warnings", warnings);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Http.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    }

    void writeMarkdown(Path file, String intro, String reproduce, String contention) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("<!-- written by bench/run.sh (./caimei bench); do not edit by hand, run it again -->\n\n");
        md.append(intro).append("\n\n");
        md.append("## Machine and run\n\n| fact | value |\n|---|---|\n");
        machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(cell(String.valueOf(v))).append(" |\n"));
        run.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(cell(String.valueOf(v))).append(" |\n"));
        md.append("\n").append(contention).append("\n\n");
        md.append("## How to reproduce\n\n").append(reproduce).append("\n\n");
        for (Section s : sections) {
            md.append("## ").append(s.title).append("\n\n");
            if (!s.rows.isEmpty()) {
                md.append("| figure | value | unit | machine limit (same run) | ratio | details |\n");
                md.append("|---|---:|---|---|---:|---|\n");
                for (Row r : s.rows) {
                    String limit = r.limitValue() == null ? (r.limit() == null ? "—" : r.limit())
                            : r.limit() + ": " + num(r.limitValue()) + " " + r.limitUnit();
                    md.append("| ").append(cell(r.figure())).append(" | ").append(num(r.value())).append(" | ")
                            .append(cell(r.unit())).append(" | ").append(cell(limit)).append(" | ")
                            .append(r.ratio() == null ? "—" : ratio(r.ratio())).append(" | ")
                            .append(cell(r.detail() == null ? "" : r.detail())).append(" |\n");
                }
                md.append('\n');
            }
            for (String n : s.notes) {
                md.append(n).append("\n\n");
            }
            if (!s.commands.isEmpty()) {
                md.append("Commands behind this table (run by `bench/run.sh`):\n\n```bash\n");
                s.commands.forEach(c -> md.append(c).append('\n'));
                md.append("```\n\n");
            }
        }
        if (!warnings.isEmpty()) {
            md.append("## Warnings from this run\n\n");
            warnings.forEach(w -> md.append("- ").append(cell(w)).append('\n'));
            md.append('\n');
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, md.toString());
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
