package io.caimei.demo;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import io.caimei.demo.client.ApiException;
import io.caimei.demo.client.Gateway;
import io.caimei.demo.client.TokenSource;
import io.caimei.demo.generate.Batcher;
import io.caimei.demo.generate.CatalogEntry;
import io.caimei.demo.generate.DemoCatalog;
import io.caimei.demo.generate.DemoEvent;
import io.caimei.demo.generate.EventGenerator;
import io.caimei.demo.generate.PhonePool;
import io.caimei.demo.generate.SeedCatalog;
import io.caimei.demo.generate.Stats;
import io.caimei.demo.generate.YearRhythm;

/** Entry point: generates the seeded demo year and loads it through the gateway, then prints the year boards. */
public final class DemoLoader {

    static final String GATEWAY_CLIENT = "caimei-gateway";
    static final String GATEWAY_SECRET = "caimei-gateway-local-dev-secret";
    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "admin-dev";
    static final String CHANNELS_CLIENT = "caimei-channels";
    static final String CHANNELS_SECRET = "caimei-channels-local-dev-secret";
    static final int CATALOG_CHUNK = 500;

    private final Options options;
    private final PrintStream out;
    private final PrintStream err;

    DemoLoader(Options options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.setOut(out);
        System.setErr(err);
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            out.print(Options.USAGE);
            return;
        }
        try {
            new DemoLoader(options, out, err).run();
        } catch (ApiException e) {
            err.println();
            err.println("demo loader: " + e.getMessage());
            System.exit(1);
        } catch (IOException | RuntimeException e) {
            err.println();
            err.println("demo loader failed: " + e);
            System.exit(1);
        }
    }

    void run() throws IOException {
        String period = String.valueOf(options.year());
        if (options.printBoards()) {
            HttpClient http = Gateway.httpClient();
            Gateway gateway = new Gateway(http, options.gateway());
            new BoardPrinter(out).printLive(gateway, admin(http), period);
            printLogins();
            return;
        }
        if (!Files.isRegularFile(options.catalog())) {
            throw new IllegalArgumentException("seed catalog " + options.catalog() + " not found (run from the repository"
                    + " root or pass --catalog)");
        }
        DemoCatalog catalog = DemoCatalog.build(SeedCatalog.read(options.catalog()), options.longTail(), options.seed());
        YearRhythm rhythm = new YearRhythm(options.year(), Instant.now());
        PhonePool phones = new PhonePool(PhonePool.sizeFor(options.events()), options.seed());
        EventGenerator generator = new EventGenerator(catalog, phones, rhythm, options.events(), options.seed());
        out.printf("demo year %d: %,d native records, seed %d, catalog %,d entities (%d from the report, %,d generated),"
                + " %,d users%n", options.year(), options.events(), options.seed(), catalog.entries().size(),
                catalog.entries().stream().filter(CatalogEntry::fromReport).count(),
                catalog.entries().stream().filter(e -> !e.fromReport()).count(), phones.size());
        if (options.dryRun()) {
            dryRun(catalog, generator);
        } else {
            load(catalog, generator, period);
        }
    }

    /**
     * Generates and batches without sending: the statistics of what a load would send. Boards are not estimated
     * here; they come from the services, the one home of the formula, ranks and boards.
     */
    private void dryRun(DemoCatalog catalog, EventGenerator generator) {
        Stats stats = new Stats();
        Progress progress = new Progress(err, generator.total());
        long[] done = { 0 };
        Batcher batcher = new Batcher(options.batch(), wave -> wave.forEach(b -> {
            stats.request(b.body().getBytes(StandardCharsets.UTF_8).length);
            done[0] += b.events().size();
            progress.update(done[0], b.lastMilli(), false);
        }));
        long started = System.nanoTime();
        generator.forEach(e -> {
            stats.add(e);
            batcher.add(e);
        });
        batcher.finish();
        double seconds = (System.nanoTime() - started) / 1e9;
        progress.finish(done[0], stats.records() == 0 ? 0 : stats.lastMilli());
        printStats(catalog, stats, seconds);
    }

    private void printStats(DemoCatalog catalog, Stats stats, double seconds) {
        out.printf("%ncatalog:%n");
        catalog.rankedClasses().forEach((k, v) -> out.printf("  %-22s %,7d (%d from the report)%n", k, v.size(),
                v.stream().filter(CatalogEntry::fromReport).count()));
        out.printf("%nrecords: %,d in %,d requests (%,.1f MB), generated and formatted in %.2f s (%,.0f events/s)%n",
                stats.records(), stats.requests(), stats.bytes() / 1e6, seconds, stats.records() / Math.max(seconds, 1e-9));
        if (stats.records() > 0) {
            DateTimeFormatter f = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
            out.printf("time range: %s .. %s, %s%n",
                    f.format(Instant.ofEpochMilli(stats.firstMilli()).atOffset(YearRhythm.CHINA)),
                    f.format(Instant.ofEpochMilli(stats.lastMilli()).atOffset(YearRhythm.CHINA)),
                    stats.ordered() ? "in time order" : "NOT in time order");
        }
        out.printf("%nby channel:%n");
        stats.byChannel().forEach((c, n) -> out.printf("  %-16s %,10d  %5.1f%%%n", c, n, 100.0 * n / stats.records()));
        out.printf("%nby event / act:%n");
        stats.byAction().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(en -> out.printf("  %-24s %,10d%n", en.getKey(), en.getValue()));
        out.printf("%nby target type: %s%n", stats.byTargetType());
        int year = options.year();
        LocalDate ordinary = LocalDate.of(year, 2, 21);
        out.printf("%ndays: ordinary Wed %s %,d; 除夕 %s %,d; 初一 %s %,d; May 1 %,d; Oct 1 %,d%n", ordinary,
                stats.onDay(ordinary), LocalDate.of(year, 2, 9), stats.onDay(LocalDate.of(year, 2, 9)),
                LocalDate.of(year, 2, 10), stats.onDay(LocalDate.of(year, 2, 10)), stats.onDay(LocalDate.of(year, 5, 1)),
                stats.onDay(LocalDate.of(year, 10, 1)));
        List<LocalDate> days = new ArrayList<>();
        LocalDate first = LocalDate.of(year, 1, 1);
        IntStream.range(0, first.lengthOfYear()).forEach(i -> days.add(first.plusDays(i)));
        days.sort(Comparator.comparingLong(stats::onDay).reversed());
        out.printf("busiest days: %s%n", days.subList(0, Math.min(8, days.size())).stream()
                .map(d -> d + " " + String.format(Locale.ROOT, "%,d", stats.onDay(d))).toList());
    }

    private void load(DemoCatalog catalog, EventGenerator generator, String period) {
        HttpClient http = Gateway.httpClient();
        Gateway gateway = new Gateway(http, options.gateway());
        err.println("waiting for the gateway at " + gateway.base() + " ...");
        if (!gateway.awaitReady(Duration.ofSeconds(180))) {
            throw new IllegalStateException("the gateway at " + gateway.base() + " is not answering (GET /openapi)");
        }
        TokenSource admin = admin(http);
        TokenSource channels = TokenSource.clientCredentials(http, options.issuer(), CHANNELS_CLIENT, CHANNELS_SECRET);
        admin.get();
        channels.get();

        List<CatalogEntry> entries = catalog.entries();
        int saved = 0;
        for (int i = 0; i < entries.size(); i += CATALOG_CHUNK) {
            List<Map<String, Object>> chunk = entries.subList(i, Math.min(entries.size(), i + CATALOG_CHUNK)).stream()
                    .map(CatalogEntry::toJson).toList();
            saved += gateway.postCatalog(admin, chunk);
        }
        out.printf("catalog: %,d entities saved%n", saved);
        // ingest refreshes its attribution links from the catalog every 5 s; wait so the first events are attributed
        sleep(6_000);

        Progress progress = new Progress(err, generator.total());
        long started = System.nanoTime();
        long lastSent;
        try (EventPoster poster = new EventPoster(gateway, channels, options.concurrency(), progress, err)) {
            // one local day at a time, its channels side by side (see Batcher for why a day is the safe unit)
            Batcher batcher = new Batcher(options.batch(), wave -> {
                wave.forEach(poster::post);
                poster.drain();
            });
            for (int h = 0; h < generator.hours(); h++) {
                for (DemoEvent e : generator.hour(h)) {
                    batcher.add(e);
                }
            }
            batcher.finish();
            poster.drain();
            progress.finish(poster.sent.get(), poster.lastTime());
            lastSent = poster.lastTime();
            double seconds = (System.nanoTime() - started) / 1e9;
            out.printf("loaded %,d records in %,d requests in %.1f s (%,.0f events/s): accepted %,d, duplicates %,d,"
                    + " rejected %,d, attributed %,d%n", poster.sent.get(), poster.requests.get(), seconds,
                    poster.sent.get() / Math.max(seconds, 1e-9), poster.accepted.get(), poster.duplicates.get(),
                    poster.rejected.get(), poster.attributed.get());
        }
        err.println("waiting for the boards to settle ...");
        BoardPrinter.awaitSettled(gateway, admin, period, lastClosedDay(lastSent), err);
        new BoardPrinter(out).printLive(gateway, admin, period);
        printLogins();
    }

    /**
     * The last day sure to close once the load is in: the watermark trails the newest record by the allowed lateness
     * (2 h) plus at most the idle timeout (6 h) of a slower channel, and a day closes once its end is behind it.
     */
    static String lastClosedDay(long lastRecordMilli) {
        if (lastRecordMilli <= 0) {
            return null;
        }
        return Instant.ofEpochMilli(lastRecordMilli).minus(Duration.ofHours(8)).atOffset(YearRhythm.CHINA)
                .toLocalDate().minusDays(1).toString();
    }

    private TokenSource admin(HttpClient http) {
        return TokenSource.password(http, options.issuer(), GATEWAY_CLIENT, GATEWAY_SECRET, ADMIN_USER, ADMIN_PASSWORD);
    }

    private void printLogins() {
        String base = options.gateway().endsWith("/") ? options.gateway() : options.gateway() + "/";
        out.printf("%ndashboard: %s%n", base);
        out.printf("demo logins: analyst / analyst-dev, brand-advertiser / brand-advertiser-dev (admin / admin-dev)%n");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
