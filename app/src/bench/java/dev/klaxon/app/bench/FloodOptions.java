package dev.klaxon.app.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The console benchmark's options. Maven passes {@code ${bench.args}} as one argument, so arguments are also split
 * on blanks: {@code -Dbench.args="--seconds 10 --rate 20000"} works.
 *
 * @param rate        messages per second the publisher aims for
 * @param subjects    distinct subjects the flood is spread over
 * @param seconds     how long the flood lasts
 * @param idleSeconds quiet seconds measured before the flood, as a baseline
 * @param jar         the console's shaded jar
 * @param out         where the Markdown summary is written
 * @param consoleJvm  extra JVM options for the console (e.g. {@code -Xmx512m}); empty = the JVM's defaults
 */
record FloodOptions(int rate, int subjects, int seconds, int idleSeconds, Path jar, Path out,
                    List<String> consoleJvm) {

    static final String USAGE = """
            usage: ConsoleFloodBench --jar FILE [--rate N] [--subjects N] [--seconds N] [--idle-seconds N]
                                     [--out FILE] [--console-jvm OPTION]...
              --rate N            messages per second to publish (default 100000)
              --subjects N        distinct subjects (default 1000)
              --seconds N         flood duration (default 60)
              --idle-seconds N    quiet baseline before the flood (default 5)
              --jar FILE          the console jar (the Maven profile passes app/target/klaxon.jar)
              --out FILE          Markdown summary (default target/console-bench.md)
              --console-jvm OPT   a JVM option for the console, repeatable (default: none)
            """;

    static FloodOptions parse(String[] args) {
        List<String> words = new ArrayList<>();
        for (String arg : args) {
            for (String word : arg.trim().split("\\s+")) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        }
        int rate = 100_000;
        int subjects = 1_000;
        int seconds = 60;
        int idle = 5;
        Path jar = null;
        Path out = Path.of("target", "console-bench.md");
        List<String> jvm = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "--rate" -> rate = positive(word, value(words, ++i, word));
                case "--subjects" -> subjects = positive(word, value(words, ++i, word));
                case "--seconds" -> seconds = positive(word, value(words, ++i, word));
                case "--idle-seconds" -> idle = positive(word, value(words, ++i, word));
                case "--jar" -> jar = Path.of(value(words, ++i, word));
                case "--out" -> out = Path.of(value(words, ++i, word));
                case "--console-jvm" -> jvm.add(value(words, ++i, word));
                case "--help" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown argument " + word + "\n" + USAGE);
            }
        }
        if (jar == null) {
            throw new IllegalArgumentException("--jar is required\n" + USAGE);
        }
        return new FloodOptions(rate, subjects, seconds, idle, jar, out, List.copyOf(jvm));
    }

    private static String value(List<String> words, int index, String option) {
        if (index >= words.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return words.get(index);
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value.replace("_", "").replace(",", ""));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a positive number, not " + value);
    }
}
