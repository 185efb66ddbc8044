package dev.klaxon.engine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What a config reload did: applied (routes and guards now come from the file) or refused (the running config is
 * kept, and {@code detail} says why, naming the key and line where the loader could).
 *
 * @param source           the config file
 * @param detail           applied: what now runs; refused: why not
 * @param keptUntilRestart sections that changed in the file but only take effect at the next start
 */
public record ReloadResult(Instant at, Path source, boolean applied, String detail, List<String> keptUntilRestart) {
    public ReloadResult {
        keptUntilRestart = List.copyOf(keptUntilRestart);
    }

    /** One line for a log, a banner or an audit row. */
    public String describe() {
        if (!applied) {
            return "config reload refused, the running config is kept: " + detail;
        }
        return "config reloaded: " + detail + (keptUntilRestart.isEmpty() ? ""
                : "; " + String.join(", ", keptUntilRestart) + " changed and take" + (keptUntilRestart.size() == 1
                ? "s" : "") + " effect at the next start");
    }
}
