package dev.klaxon.app.ui.actions;

import dev.klaxon.config.DurationText;
import dev.klaxon.guard.PayloadMatcher;
import dev.klaxon.guard.SilenceRequest;
import dev.klaxon.route.SubjectPattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the silence dialog holds, checked the way the engine will check it, so every mistake is named by its field
 * before anything is sent. Pure: no FX, no engine.
 *
 * @param pattern        the subject pattern (NATS wildcards)
 * @param matchers       payload matchers, each {@code field=value} or {@code field=~regex}
 * @param duration       a preset, or null for {@code customDuration}
 * @param customDuration e.g. {@code 30m} or {@code 2d}, used when {@code duration} is null
 * @param reason         why; required, so the next person knows whom to ask
 */
public record SilenceForm(String pattern, List<String> matchers, Duration duration, String customDuration,
                          String reason) {
    /** The presets offered, shortest first: long silences should be a deliberate choice. */
    public static final List<Duration> PRESETS = List.of(Duration.ofMinutes(15), Duration.ofHours(1),
            Duration.ofHours(4));

    public enum Field {
        PATTERN("Pattern"), MATCHERS("Matchers"), DURATION("Duration"), REASON("Reason");

        private final String label;

        Field(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Either a request ready for the engine, or what is wrong, per field (in the dialog's order). */
    public record Checked(SilenceRequest request, Map<Field, String> errors) {
        public Checked {
            errors = Map.copyOf(errors);
        }

        public boolean ok() {
            return request != null;
        }
    }

    public SilenceForm {
        matchers = matchers == null ? List.of() : List.copyOf(matchers);
    }

    public Checked check() {
        Map<Field, String> errors = new EnumMap<>(Field.class);
        String patternText = pattern == null ? "" : pattern.strip();
        if (patternText.isEmpty()) {
            errors.put(Field.PATTERN, "a subject pattern is required, e.g. alerts.prod.db.>");
        } else {
            try {
                SubjectPattern.compile(patternText);
            } catch (IllegalArgumentException e) {
                errors.put(Field.PATTERN, e.getMessage());
            }
        }
        List<PayloadMatcher> parsed = new ArrayList<>();
        for (String line : matchers) {
            if (line == null || line.isBlank()) {
                continue;
            }
            try {
                parsed.add(PayloadMatcher.parse(line.strip()));
            } catch (IllegalArgumentException e) {
                errors.putIfAbsent(Field.MATCHERS, e.getMessage());
            }
        }
        Duration length = duration;
        if (length == null) {
            try {
                length = DurationText.parse(customDuration);
                if (length.isZero()) {
                    errors.put(Field.DURATION, "a silence must last some time");
                }
            } catch (IllegalArgumentException e) {
                errors.put(Field.DURATION, e.getMessage());
            }
        }
        if (reason == null || reason.isBlank()) {
            errors.put(Field.REASON, "say why, so whoever is on call next knows whom to ask");
        }
        if (!errors.isEmpty()) {
            return new Checked(null, errors);
        }
        return new Checked(SilenceRequest.of(patternText, length, reason.strip()).withMatchers(parsed), Map.of());
    }
}
