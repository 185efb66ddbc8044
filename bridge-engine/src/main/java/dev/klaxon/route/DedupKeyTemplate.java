package dev.klaxon.route;

import dev.klaxon.message.AlertMessage;

/** A dedup_key template. Placeholder: replaced by the route package implementation. */
public final class DedupKeyTemplate {
    private final String text;

    private DedupKeyTemplate(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException naming the bad placeholder */
    public static DedupKeyTemplate compile(String template) {
        return new DedupKeyTemplate(template);
    }

    public String expand(AlertMessage message) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public String text() {
        return text;
    }
}
