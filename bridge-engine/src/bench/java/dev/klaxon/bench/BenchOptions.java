package dev.klaxon.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line options. Maven passes {@code ${bench.args}} as one argument, so arguments are also split on blanks:
 * {@code -Dbench.args="all --messages 200000"} works.
 *
 * @param messages   per measured run
 * @param warmup     messages per warm-up run (not reported)
 * @param warmupRounds warm-up rounds, each one engine run then one bare run
 * @param rounds     measured rounds; each is one bare run then one engine run
 * @param window     most messages in flight; 0 = derive from the engine's queue capacity
 * @param jfr        where to write a Flight Recorder profile of the measured rounds; null = none
 */
record BenchOptions(long messages, long warmup, int warmupRounds, int rounds, int window, Path jfr) {

    static final String USAGE = """
            usage: BenchMain [all] [--messages N] [--warmup N] [--warmup-rounds R]
                             [--rounds R] [--window W] [--jfr FILE]
              all                the default suite (the only one; the Maven profile passes it)
              --messages N       messages per measured run (default 1000000)
              --warmup N         messages per warm-up run (default 500000)
              --warmup-rounds R  warm-up rounds, each engine then bare (default 2)
              --rounds R         measured rounds, each bare then engine (default 5)
              --window W         most messages in flight (default: 80% of the engine's client
                                 pending limit, at most half its queue)
              --jfr FILE         record a JFR profile of the measured rounds into FILE""";

    static BenchOptions parse(String[] args) {
        List<String> words = new ArrayList<>();
        for (String arg : args) {
            for (String word : arg.trim().split("\\s+")) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        }
        long messages = 1_000_000;
        long warmup = 500_000;
        int warmupRounds = 2;
        int rounds = 5;
        int window = 0;
        Path jfr = null;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "all" -> { }
                case "--help", "-h" -> throw new HelpRequested(USAGE);
                case "--messages" -> messages = Long.parseLong(value(words, ++i, word));
                case "--warmup" -> warmup = Long.parseLong(value(words, ++i, word));
                case "--warmup-rounds" -> warmupRounds = Integer.parseInt(value(words, ++i, word));
                case "--rounds" -> rounds = Integer.parseInt(value(words, ++i, word));
                case "--window" -> window = Integer.parseInt(value(words, ++i, word));
                case "--jfr" -> jfr = Path.of(value(words, ++i, word));
                default -> throw new IllegalArgumentException("unknown argument " + word + "\n" + USAGE);
            }
        }
        if (messages <= 0 || warmup <= 0 || warmupRounds < 0 || rounds <= 0 || window < 0) {
            throw new IllegalArgumentException("counts must be positive\n" + USAGE);
        }
        return new BenchOptions(messages, warmup, warmupRounds, rounds, window, jfr);
    }

    private static String value(List<String> words, int i, String option) {
        if (i >= words.size()) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return words.get(i);
    }

    /** {@code --help}: not an error; the caller prints the usage and exits 0. */
    static final class HelpRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HelpRequested(String usage) {
            super(usage, null, false, false);
        }
    }
}
