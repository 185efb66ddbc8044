package dev.klaxon.app.ui.live;

import dev.klaxon.app.ui.common.Formats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A message as a {@code nats pub} command line that publishes it again: for reproducing an alert from a terminal.
 * Every argument is POSIX-shell quoted (single quotes, a quote inside written as {@code '\''}), which keeps line
 * breaks, {@code $}, backquotes and any Unicode literal in sh, bash and zsh.
 *
 * <p>The nats CLI runs the body and subject through Go templates by default, so a body containing {@code {{} gets
 * {@code --no-templates}; headers go as {@code -H 'Name:value'} (the CLI splits at the first colon); {@code --} ends
 * the options when the subject or body starts with a dash.
 */
public final class NatsPubCommand {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private NatsPubCommand() {
    }

    /**
     * @throws IllegalArgumentException when the message cannot be one shell argument: a NUL character, or a header
     *                                  name with a colon (the CLI would split it there)
     */
    public static String of(String subject, String body, Map<String, List<String>> headers) {
        String text = body == null ? "" : body;
        if (text.indexOf('\0') >= 0 || subject.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the message contains a NUL character, which no shell argument can "
                    + "carry");
        }
        List<String> words = new ArrayList<>(List.of("nats", "pub"));
        if (text.contains("{{") || subject.contains("{{")) {
            words.add("--no-templates");
        }
        if (headers != null) {
            headers.forEach((name, values) -> {
                if (name.indexOf(':') >= 0 || name.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("header name " + Formats.oneLine(name, 80)
                            + " contains a colon, which nats pub -H cannot express");
                }
                for (String value : values == null ? List.<String>of() : values) {
                    if (value.indexOf('\0') >= 0) {
                        throw new IllegalArgumentException("header " + Formats.oneLine(name, 80)
                                + " contains a NUL character, which no shell argument can carry");
                    }
                    words.add("-H");
                    words.add(quote(name + ":" + value));
                }
            });
        }
        if (subject.startsWith("-") || text.startsWith("-")) {
            words.add("--");
        }
        words.add(PLAIN.matcher(subject).matches() && !subject.startsWith("-") ? subject : quote(subject));
        words.add(quote(text));
        return String.join(" ", words);
    }

    /** {@code 'it'\''s'}: single quotes keep everything literal except a single quote, which is closed around. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
