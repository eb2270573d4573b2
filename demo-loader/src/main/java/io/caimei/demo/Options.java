package io.caimei.demo;

import java.nio.file.Path;

/** The loader's command-line options ({@code --name value} or {@code --name=value}) with their defaults. */
public final class Options {

    public static final String USAGE = """
            usage: java -jar caimei-demo-loader.jar [options]
              --gateway URL      gateway base URL (default http://127.0.0.1:8080)
              --issuer URL       OIDC issuer (default http://127.0.0.1:8180/realms/caimei)
              --catalog FILE     seed catalog (default demo/catalog.json)
              --events N         native records in the year (default 200000)
              --seed N           random seed (default 2024)
              --year YYYY        the demo year (default 2024)
              --batch N          records per request (default 500)
              --long-tail N      generated entities added to the seed catalog (default 2000)
              --concurrency N    requests in flight (default 4)
              --dry-run          generate and print statistics; no HTTP
              --print-boards     only print the year boards from the gateway
              --help             this text
            """;

    String gateway = "http://127.0.0.1:8080";
    String issuer = "http://127.0.0.1:8180/realms/caimei";
    Path catalog = Path.of("demo/catalog.json");
    long events = 200_000;
    long seed = 2024;
    int year = 2024;
    int batch = 500;
    int longTail = 2000;
    int concurrency = 4;
    boolean dryRun;
    boolean printBoards;
    boolean help;

    /** Parses the arguments; throws IllegalArgumentException with a readable message on a bad one. */
    public static Options parse(String... args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--dry-run" -> o.dryRun = true;
                case "--print-boards" -> o.printBoards = true;
                case "--help", "-h" -> o.help = true;
                case "--gateway", "--issuer", "--catalog", "--events", "--seed", "--year", "--batch", "--long-tail",
                        "--concurrency" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    o.set(name, value);
                }
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return o;
    }

    private void set(String name, String value) {
        switch (name) {
            case "--gateway" -> gateway = value;
            case "--issuer" -> issuer = value;
            case "--catalog" -> catalog = Path.of(value);
            case "--events" -> events = number(name, value, 0, Long.MAX_VALUE);
            case "--seed" -> seed = number(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
            case "--year" -> year = (int) number(name, value, 2000, 2100);
            case "--batch" -> batch = (int) number(name, value, 1, 50_000);
            case "--long-tail" -> longTail = (int) number(name, value, 0, 1_000_000);
            case "--concurrency" -> concurrency = (int) number(name, value, 1, 64);
            default -> throw new IllegalArgumentException("unknown option " + name);
        }
    }

    private static long number(String name, String value, long min, long max) {
        long v;
        try {
            v = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got \"" + value + "\"");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }

    public String gateway() { return gateway; }
    public String issuer() { return issuer; }
    public Path catalog() { return catalog; }
    public long events() { return events; }
    public long seed() { return seed; }
    public int year() { return year; }
    public int batch() { return batch; }
    public int longTail() { return longTail; }
    public int concurrency() { return concurrency; }
    public boolean dryRun() { return dryRun; }
    public boolean printBoards() { return printBoards; }
    public boolean help() { return help; }
}
