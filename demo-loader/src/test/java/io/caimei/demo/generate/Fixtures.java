package io.caimei.demo.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Shared test inputs: the repository's seed catalog and small generated years. */
final class Fixtures {

    static final Instant FAR_FUTURE = Instant.parse("2100-01-01T00:00:00Z");

    private Fixtures() {
    }

    static Path seedCatalogPath() {
        for (Path p : List.of(Path.of("../demo/catalog.json"), Path.of("demo/catalog.json"))) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("demo/catalog.json not found from " + Path.of("").toAbsolutePath());
    }

    static List<CatalogEntry> seed() {
        try {
            return SeedCatalog.read(seedCatalogPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DemoCatalog catalog(int longTail, long seed) {
        return DemoCatalog.build(seed(), longTail, seed);
    }

    static EventGenerator generator(long events, long seed, int longTail) {
        DemoCatalog catalog = catalog(longTail, seed);
        return new EventGenerator(catalog, new PhonePool(PhonePool.sizeFor(events), seed),
                new YearRhythm(2024, FAR_FUTURE), events, seed);
    }

    static List<DemoEvent> events(long events, long seed) {
        List<DemoEvent> out = new ArrayList<>();
        generator(events, seed, 2000).forEach(out::add);
        return out;
    }

    /** Every request body the loader would send, in order. */
    static List<String> bodies(long events, long seed) {
        List<String> out = new ArrayList<>();
        Batcher b = new Batcher(500, wave -> wave.forEach(batch -> out.add(batch.channel() + "\n" + batch.body())));
        generator(events, seed, 2000).forEach(b::add);
        b.finish();
        return out;
    }
}
