package io.caimei.ranking.service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.ranking.mapping.BoardPage;

/**
 * Pages of closed periods, remembered (least recently used out): a frozen ranking never changes, and the catalog
 * version is part of the key, so a renamed entity is never served under its old name.
 */
@ApplicationScoped
public class ClosedPages {

    /** What identifies a closed page. */
    public record Key(String board, String period, int offset, int limit, long catalogVersion) {
    }

    private static final int MAX_PAGES = 20_000;

    private final Map<Key, BoardPage> pages = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, BoardPage> eldest) {
            return size() > MAX_PAGES;
        }
    });

    public Optional<BoardPage> get(Key key) {
        return Optional.ofNullable(pages.get(key));
    }

    public void put(Key key, BoardPage page) {
        pages.put(key, page);
    }
}
