package dev.klaxon.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads {@code nats.jetstream:} (team mode). Its keys are a contract with TEAM-MODE.md and keep their names. */
final class JetStreamSectionReader {
    static final Set<String> KEYS = Set.of("stream", "consumer", "create", "replicas", "max_age", "ack_wait", "role",
            "late_join");
    /** More than a day of history at every start would be a replay, not a catch-up. */
    static final Duration MAX_LATE_JOIN = Duration.ofDays(1);
    /** JetStream refuses longer names; a stream name also becomes a file name on every server. */
    static final int MAX_NAME_LENGTH = 255;
    static final Duration MIN_ACK_WAIT = Duration.ofSeconds(1);
    static final Duration MAX_ACK_WAIT = Duration.ofHours(12);

    private final ConfigErrors errors;

    JetStreamSectionReader(ConfigErrors errors) {
        this.errors = errors;
    }

    /** Null when the key is absent: core mode. */
    JetStreamConfig read(YamlMap nats) {
        if (!nats.has("jetstream")) {
            return null;
        }
        Optional<YamlMap> section = nats.mapping("jetstream", KEYS);
        if (section.isEmpty()) {
            return null;
        }
        YamlMap js = section.get();
        JetStreamConfig defaults = JetStreamConfig.defaults();
        return new JetStreamConfig(
                name(js, "stream").orElse(defaults.stream()),
                name(js, "consumer").orElse(defaults.consumer()),
                js.bool("create").map(Located::value).orElse(defaults.create()),
                js.integer("replicas", 1, 5).map(Located::value).orElse(defaults.replicas()),
                duration(js, "max_age", Duration.ofSeconds(1), null).orElse(defaults.maxAge()),
                duration(js, "ack_wait", MIN_ACK_WAIT, MAX_ACK_WAIT).orElse(defaults.ackWait()),
                js.parsed("role", "auto, sender or observer", JetStreamSectionReader::role)
                        .map(Located::value).orElse(defaults.role()),
                duration(js, "late_join", Duration.ZERO, MAX_LATE_JOIN).orElse(defaults.lateJoin()));
    }

    private Optional<String> name(YamlMap js, String key) {
        return js.string(key).filter(name -> {
            String problem = nameProblem(name.value());
            if (problem != null) {
                errors.add(name.path(), problem, name.line());
            }
            return problem == null;
        }).map(Located::value);
    }

    /** Why JetStream would refuse {@code name} for a stream or consumer; null when it is fine. */
    static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "must not be empty";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return name.length() + " characters long; the limit is " + MAX_NAME_LENGTH;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return "must not contain spaces or control characters";
            }
            if (".*>/\\".indexOf(c) >= 0) {
                return "must not contain '" + c + "' (JetStream names exclude . * > / \\), got \"" + name + "\"";
            }
        }
        return null;
    }

    private Optional<Duration> duration(YamlMap js, String key, Duration min, Duration max) {
        return js.parsed(key, DurationText.EXPECTED, DurationText::parse).filter(value -> {
            if (value.value().compareTo(min) < 0) {
                errors.add(value.path(), "must be at least " + DurationText.format(min), value.line());
                return false;
            }
            if (max != null && value.value().compareTo(max) > 0) {
                errors.add(value.path(), "must be at most " + DurationText.format(max), value.line());
                return false;
            }
            return true;
        }).map(Located::value);
    }

    private static JetStreamConfig.Role role(String text) {
        try {
            return JetStreamConfig.Role.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected auto, sender or observer, got \"" + text + "\"");
        }
    }
}
