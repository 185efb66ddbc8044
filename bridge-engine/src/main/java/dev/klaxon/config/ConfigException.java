package dev.klaxon.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A config file could not be used. Checked, because every caller has something specific to do with it (the command
 * line exits with 2, the console shows the errors and keeps the last good config).
 *
 * <p>It carries every problem found in the file, not just the first, so one edit can fix them all.
 * {@link #getMessage()} is the file on the first line, then one error per line, indented by two spaces:
 * <pre>
 * /home/ann/.config/klaxon/klaxon.yaml:
 *   nats.sevrers: unknown key; did you mean "servers"? (line 3)
 *   routes[2].match: empty token in "alerts..db" (line 14)
 * </pre>
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path source;
    private final transient List<ConfigError> errors;

    /**
     * @param source the file the errors are about; null for a config that did not come from a file
     * @param errors at least one
     */
    public ConfigException(Path source, List<ConfigError> errors) {
        super(describe(source, errors));
        this.source = source;
        this.errors = List.copyOf(errors);
    }

    /** The file the errors are about; null for a config that did not come from a file. */
    public Path source() {
        return source;
    }

    /** Every problem found, in the order of the file. */
    public List<ConfigError> errors() {
        return errors;
    }

    private static String describe(Path source, List<ConfigError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        StringBuilder text = new StringBuilder(source == null ? "config" : source.toString()).append(':');
        for (ConfigError error : errors) {
            text.append("\n  ").append(error.render());
        }
        return text.toString();
    }
}
