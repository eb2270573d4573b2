package io.caimei.demo.generate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads demo/catalog.json (the report's real names) into catalog entries. */
public final class SeedCatalog {

    private SeedCatalog() {
    }

    public static List<CatalogEntry> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(new ObjectMapper().readTree(in));
        }
    }

    /** Maps the seed's fields; a MUSIC's {@code artist} is appended to its name ({@code 《青花瓷》 周杰伦}). */
    public static List<CatalogEntry> parse(JsonNode root) {
        JsonNode entities = root.path("entities");
        if (!entities.isArray()) {
            throw new IllegalArgumentException("the seed catalog has no \"entities\" array");
        }
        List<CatalogEntry> out = new ArrayList<>();
        for (JsonNode e : entities) {
            String type = text(e, "type");
            String name = text(e, "name");
            String artist = text(e, "artist");
            if (artist != null && !artist.isBlank()) {
                name = name + " " + artist;
            }
            List<String> campaigns = null;
            if (CatalogEntry.CONTENT.equals(type)) {
                campaigns = new ArrayList<>();
                for (JsonNode c : e.path("campaignIds")) {
                    campaigns.add(c.asText());
                }
            }
            Integer rank = e.hasNonNull("reportRank") ? e.get("reportRank").asInt() : null;
            out.add(new CatalogEntry(text(e, "id"), type, name, text(e, "kind"), text(e, "category"),
                    text(e, "owner"), text(e, "musicId"), text(e, "accountId"), campaigns, rank));
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
