package dev.klaxon.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * {@code run --log-format json}: one JSON object per line (time, level, logger, message, and the error's class and
 * message when there is one), for log shippers that parse lines (journald, Vector, Fluent Bit, Loki). Messages are
 * the same words as the text format; a message with newlines stays one line.
 */
final class JsonLogFormatter extends Formatter {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String format(LogRecord record) {
        return line(record.getInstant(), record.getLevel(), record.getLoggerName(), formatMessage(record),
                record.getThrown()) + System.lineSeparator();
    }

    /** One line of {@code run}'s own output in the same shape. */
    static String line(Instant at, Level level, String logger, String message, Throwable error) {
        ObjectNode line = JSON.createObjectNode().put("time", at.toString()).put("level", level.getName())
                .put("logger", logger == null ? "" : logger).put("message", message);
        if (error != null) {
            line.put("error", error.getClass().getName() + ": " + error.getMessage());
        }
        return line.toString();
    }

    /** Every handler of the root logger writes JSON lines from now on (this JVM is the bridge: it owns them). */
    static void install() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.setFormatter(new JsonLogFormatter());
        }
    }
}
