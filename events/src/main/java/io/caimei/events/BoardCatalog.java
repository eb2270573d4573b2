package io.caimei.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one definition of the leaderboards, read from {@code boards.tsv} (or the file named by
 * {@code CAIMEI_BOARDS_FILE}): ranking serves and fills these boards, scoring scores each entity type with its
 * boards' profile, so a ninth board or another profile is a change of data, not of code.
 */
public final class BoardCatalog {

    /** The variable that points both services at a deployment's own board file. */
    public static final String FILE_VARIABLE = "CAIMEI_BOARDS_FILE";

    private static final String RESOURCE = "/io/caimei/events/boards.tsv";
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final BoardCatalog DEFAULT = load();

    private final List<Board> boards;
    private final Map<EntityType, String> profiles;

    private BoardCatalog(List<Board> boards) {
        this.boards = List.copyOf(boards);
        this.profiles = profilesOf(boards);
    }

    /** The catalog this process runs with. */
    public static BoardCatalog get() {
        return DEFAULT;
    }

    public List<Board> all() {
        return boards;
    }

    public Optional<Board> byId(String id) {
        return boards.stream().filter(b -> b.id().equals(id)).findFirst();
    }

    /** Boards an entity belongs on; an account or campaign of unknown kind or category is on none yet. */
    public List<Board> of(EntityType type, AccountKind kind, CampaignCategory category) {
        return boards.stream().filter(b -> b.ranks(type, kind, category)).toList();
    }

    /** The weight profile that scores the type: its boards' profile, or {@code fallback} when no board ranks it. */
    public String profileOf(EntityType type, String fallback) {
        return profiles.getOrDefault(type, fallback);
    }

    /** Reads the deployment's file when {@link #FILE_VARIABLE} is set, else the built-in definition. */
    static BoardCatalog load() {
        String file = System.getenv(FILE_VARIABLE);
        try {
            if (file != null && !file.isBlank()) {
                return parse(Files.readString(Path.of(file), StandardCharsets.UTF_8), file);
            }
            try (InputStream in = BoardCatalog.class.getResourceAsStream(RESOURCE)) {
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the board definitions " + (file == null ? RESOURCE : file), e);
        }
    }

    /** Parses and checks a definition; every mistake names its line, so a bad file stops the start clearly. */
    static BoardCatalog parse(String text, String source) {
        List<Board> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String[] lines = text.split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (n + 1) + ": ";
            String[] f = line.split("\t");
            if (f.length != 10) {
                throw new IllegalArgumentException(where + "expected 10 tab-separated columns, found " + f.length);
            }
            if (!ID.matcher(f[0]).matches() || !ids.add(f[0])) {
                throw new IllegalArgumentException(where + "board id '" + f[0] + "' is malformed or repeated");
            }
            int shown;
            try {
                shown = Integer.parseInt(f[8]);
            } catch (NumberFormatException e) {
                shown = 0;
            }
            if (shown < 1 || shown > 100) {
                throw new IllegalArgumentException(where + "shown must be a whole number from 1 to 100");
            }
            if (!f[9].equals("yes") && !f[9].equals("no")) {
                throw new IllegalArgumentException(where + "top contributors must be yes or no");
            }
            try {
                out.add(new Board(f[0], f[1], f[2], f[3], EntityType.valueOf(f[4]), optional(f[5], AccountKind.class),
                        optional(f[6], CampaignCategory.class), f[7], shown, f[9].equals("yes")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(source + ": no boards defined");
        }
        return new BoardCatalog(out);
    }

    private static <E extends Enum<E>> E optional(String value, Class<E> type) {
        return value.equals("-") ? null : Enum.valueOf(type, value);
    }

    private static Map<EntityType, String> profilesOf(List<Board> boards) {
        Map<EntityType, String> out = new EnumMap<>(EntityType.class);
        for (Board b : boards) {
            String before = out.putIfAbsent(b.entityType(), b.profile());
            if (before != null && !before.equals(b.profile())) {
                throw new IllegalArgumentException("boards of " + b.entityType() + " name two profiles (" + before
                        + ", " + b.profile() + "): an entity has one score per period, so they must share one");
            }
        }
        return out;
    }
}
