package io.caimei.demo;

import java.io.PrintStream;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import io.caimei.demo.client.ApiException;
import io.caimei.demo.client.Gateway;
import io.caimei.demo.client.TokenSource;

/** Prints the gateway's live board pages as text tables. */
final class BoardPrinter {

    static final int LIMIT = 10;

    private final PrintStream out;

    BoardPrinter(PrintStream out) {
        this.out = out;
    }

    /**
     * Waits (at most 120 s in all) until {@code closedDay}'s content board is CLOSED — the ranking has frozen the
     * closed periods up to there, in order — and then until the year board's total and top score stay the same for
     * 3 s. {@code closedDay} may be null (nothing expected to close).
     */
    static boolean awaitSettled(Gateway gateway, TokenSource admin, String period, String closedDay, PrintStream log) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        if (closedDay != null) {
            String day = "/api/v1/boards/content-heat/periods/" + Gateway.path(closedDay) + "?limit=1";
            while (true) {
                try {
                    if (gateway.get(admin, day).path("closed").asBoolean(false)) {
                        break;
                    }
                } catch (ApiException e) {
                    // not there yet
                }
                if (System.nanoTime() > deadline) {
                    log.println(closedDay + " is still not closed after 120 s; printing the boards as they are");
                    return false;
                }
                sleep(500);
            }
        }
        String path = "/api/v1/boards/content-heat/periods/" + Gateway.path(period) + "?limit=1";
        String last = null;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            String now;
            try {
                JsonNode page = gateway.get(admin, path);
                now = page.path("total").asText() + "|" + page.path("entries").path(0).path("score").asText();
            } catch (ApiException e) {
                now = "HTTP " + e.status();
            }
            if (!now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince >= 3_000_000_000L && !now.startsWith("HTTP")) {
                return true;
            }
            sleep(500);
        }
        log.println("boards still changing after 120 s; printing them as they are");
        return false;
    }

    /** Prints every board of {@code GET /api/v1/boards} for the period, top {@link #LIMIT}. */
    void printLive(Gateway gateway, TokenSource token, String period) {
        JsonNode boards = gateway.get(token, "/api/v1/boards");
        for (JsonNode board : boards) {
            String id = board.path("id").asText();
            JsonNode page = gateway.get(token, "/api/v1/boards/" + Gateway.path(id) + "/periods/"
                    + Gateway.path(period) + "?limit=" + LIMIT);
            boolean contributor = board.path("topContributors").asBoolean(false);
            TextTable table = contributor
                    ? new TextTable(new boolean[] { true, false, true, false, false }, "#", "name", "score", "movement",
                            "top contributor (orders)")
                    : new TextTable(new boolean[] { true, false, true, false }, "#", "name", "score", "movement");
            for (JsonNode e : page.path("entries")) {
                String name = e.path("name").asText(e.path("entityId").asText());
                if (!e.path("catalogued").asBoolean(true)) {
                    name = e.path("entityId").asText() + " (uncatalogued)";
                }
                String rank = e.path("rank").asText();
                String score = String.format(Locale.ROOT, "%.2f", e.path("score").asDouble());
                String movement = movement(e.path("movement").asText(""));
                if (contributor) {
                    String top = e.path("topContributorName").asText(e.path("topContributor").asText(""));
                    if (!top.isEmpty() && e.hasNonNull("topContributorOrders")) {
                        top += " (" + e.path("topContributorOrders").asLong() + ")";
                    }
                    table.add(rank, name, score, movement, top.isEmpty() ? "-" : top);
                } else {
                    table.add(rank, name, score, movement);
                }
            }
            out.printf("%n%s  %s  ·  %s  ·  top %d of %,d%s%n", board.path("name").asText(),
                    board.path("englishName").asText(""), period, Math.min(LIMIT, page.path("entries").size()),
                    page.path("total").asLong(), page.path("closed").asBoolean() ? "  (closed)" : "");
            out.print(table.render("  "));
        }
    }

    /** {@code UP 3} → {@code ▲3}, {@code DOWN 2} → {@code ▼2}, {@code SAME} → {@code =}, others as they are. */
    static String movement(String m) {
        if (m.startsWith("UP ")) {
            return "▲" + m.substring(3);
        }
        if (m.startsWith("DOWN ")) {
            return "▼" + m.substring(5);
        }
        return switch (m) {
            case "SAME" -> "=";
            case "RE_ENTRY" -> "RE-ENTRY";
            case "" -> "-";
            default -> m;
        };
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
