package dev.klaxon.app;

import dev.klaxon.app.prefs.Theme;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The console's command line, parsed before JavaFX starts so that usage errors never open a window.
 *
 * @param config the config file from {@code --config}; null means the default path (or the demo config)
 * @param theme  the theme from {@code --theme}; null means the one used last time, or dark
 * @param perfLog the file from {@code --perf-log}; null means no perf log
 */
public record LaunchOptions(Mode mode, boolean demo, Path config, Theme theme, Path perfLog, Path dataDir) {

    public enum Mode { RUN, HELP, VERSION }

    public LaunchOptions(Mode mode, boolean demo, Path config, Theme theme) {
        this(mode, demo, config, theme, null, null);
    }

    public LaunchOptions(Mode mode, boolean demo, Path config, Theme theme, Path perfLog) {
        this(mode, demo, config, theme, perfLog, null);
    }

    public static final String USAGE = """
            Usage: klaxon [--demo | --config FILE] [--data-dir DIR] [--theme dark|light] [--perf-log FILE]
                   klaxon --help | --version

            Klaxon console: live view of the NATS alerts the bridge receives and what it decides for each.

              --demo            start a local nats-server and a synthetic alert publisher (needs nats-server)
              --config FILE     read this config instead of ~/.config/klaxon/klaxon.yaml ($XDG_CONFIG_HOME is
                                honoured, for the console's preferences too)
              --data-dir DIR    keep the outbox, audit and silences in DIR instead of the config's storage.dir
              --theme THEME     dark or light (default: the one used last, else dark); the toolbar toggles it
              --perf-log FILE   write the console's own responsiveness once a second to FILE (JSON Lines: FX lag
                                p50/p99/max in ms, frames per second, heap used, engine messages per second)
              --help            show this help and exit
              --version         show the version and exit
            """;

    /** @throws UsageException naming the offending argument */
    public static LaunchOptions parse(List<String> args) throws UsageException {
        Mode mode = Mode.RUN;
        boolean demo = false;
        Path config = null;
        Theme theme = null;
        Path perfLog = null;
        Path dataDir = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String inlineValue = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                inlineValue = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--help", "-h" -> mode = Mode.HELP;
                case "--version" -> mode = mode == Mode.HELP ? mode : Mode.VERSION;
                case "--demo" -> demo = true;
                case "--config" -> {
                    String value = inlineValue != null ? inlineValue : valueAfter(args, i++, arg);
                    if (value.isBlank()) {
                        throw new UsageException("--config needs a file name");
                    }
                    config = Path.of(value);
                }
                case "--theme" -> {
                    String value = inlineValue != null ? inlineValue : valueAfter(args, i++, arg);
                    theme = switch (value.toLowerCase(Locale.ROOT)) {
                        case "dark" -> Theme.DARK;
                        case "light" -> Theme.LIGHT;
                        default -> throw new UsageException("--theme must be dark or light, not \"" + value + "\"");
                    };
                }
                case "--perf-log" -> {
                    String value = inlineValue != null ? inlineValue : valueAfter(args, i++, arg);
                    if (value.isBlank()) {
                        throw new UsageException("--perf-log needs a file name");
                    }
                    perfLog = Path.of(value);
                }
                case "--data-dir" -> {
                    String value = inlineValue != null ? inlineValue : valueAfter(args, i++, arg);
                    if (value.isBlank()) {
                        throw new UsageException("--data-dir needs a directory");
                    }
                    dataDir = Path.of(value);
                }
                default -> throw new UsageException("unknown argument \"" + args.get(i) + "\"");
            }
            if (inlineValue != null && !arg.equals("--config") && !arg.equals("--theme")
                    && !arg.equals("--perf-log") && !arg.equals("--data-dir")) {
                throw new UsageException(arg + " takes no value");
            }
        }
        if (demo && config != null) {
            throw new UsageException("--demo brings its own config; drop --config or --demo");
        }
        if (demo && dataDir != null) {
            throw new UsageException("--demo keeps its data in a temporary directory; drop --data-dir or --demo");
        }
        return new LaunchOptions(mode, demo, config, theme, perfLog, dataDir);
    }

    private static String valueAfter(List<String> args, int index, String option) throws UsageException {
        if (index + 1 >= args.size() || args.get(index + 1).startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(index + 1);
    }

    /** A command line the console cannot run with; the message is shown above the usage text. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }
}
