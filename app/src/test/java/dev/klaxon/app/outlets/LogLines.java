package dev.klaxon.app.outlets;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What one class logs while this is open. */
final class LogLines extends Handler implements AutoCloseable {
    private final Logger log;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    LogLines(Class<?> of) {
        this.log = Logger.getLogger(of.getName());
        log.addHandler(this);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        log.removeHandler(this);
    }
}
