package dev.klaxon.app.outlets;

import java.util.Objects;

/**
 * Something worth interrupting a person for.
 *
 * @param key   what the once-a-minute limit counts by: the subject of a flood, the service of an incident
 * @param title one short line, e.g. "Flood: alerts.prod.db"
 * @param text  the detail under it; may be empty
 */
public record Alert(Kind kind, String key, String title, String text) {
    public enum Kind {
        /** A new triggered PagerDuty incident. */
        INCIDENT,
        /** A subject newly in flood state: its triggers are being held. */
        FLOOD
    }

    public Alert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(title, "title");
        text = text == null ? "" : text;
    }
}
