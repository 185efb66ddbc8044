package dev.klaxon.app.ui.live;

import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.guard.FloodStatus;
import dev.klaxon.stats.LiveStats;
import dev.klaxon.stats.SubjectSnapshot;
import java.time.Instant;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One subject in the table. Rows live as long as their subject and are updated in place from each snapshot, so
 * the table keeps its selection, focus and scroll position while the numbers change. FX thread only.
 */
public final class SubjectRow {
    static final int PREVIEW_CHARS = 240;

    private final String subject;
    private final boolean other;
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper(this, "total");
    private final ReadOnlyDoubleWrapper rate1s = new ReadOnlyDoubleWrapper(this, "rate1s");
    private final ReadOnlyDoubleWrapper rate1m = new ReadOnlyDoubleWrapper(this, "rate1m");
    private final ReadOnlyObjectWrapper<LastSeen> lastSeen = new ReadOnlyObjectWrapper<>(this, "lastSeen",
            new LastSeen(null, "—"));
    private final ReadOnlyObjectWrapper<Breakdown> breakdown = new ReadOnlyObjectWrapper<>(this, "breakdown",
            Breakdown.EMPTY);
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper(this, "preview", "");
    private final ReadOnlyObjectWrapper<FloodStatus> flood = new ReadOnlyObjectWrapper<>(this, "flood");
    private String rawPreview;

    public SubjectRow(String subject) {
        this.subject = subject;
        this.other = LiveStats.OTHER_SUBJECTS.equals(subject) || LiveStats.INVALID_SUBJECTS.equals(subject);
    }

    /** Copies the snapshot's numbers; a property only fires when its value really changed. */
    void update(SubjectSnapshot snapshot, Instant now) {
        total.set(snapshot.total());
        rate1s.set(snapshot.rate1s());
        rate1m.set(snapshot.rate1m());
        LastSeen seen = LastSeen.of(snapshot.lastSeen(), now);
        if (!seen.equals(lastSeen.get())) {
            lastSeen.set(seen);
        }
        Breakdown next = new Breakdown(snapshot.byOutcome());
        if (!next.equals(breakdown.get())) {
            breakdown.set(next);
        }
        // The same preview text comes back every poll: skip re-cleaning it.
        if (snapshot.lastPreview() != null && !snapshot.lastPreview().equals(rawPreview)) {
            rawPreview = snapshot.lastPreview();
            preview.set(Formats.oneLine(rawPreview, PREVIEW_CHARS));
        }
    }

    /** The subject's flood state, or null when it is not in flood. */
    void flood(FloodStatus status) {
        if (!java.util.Objects.equals(status, flood.get())) {
            flood.set(status);
        }
    }

    public ReadOnlyObjectProperty<FloodStatus> floodProperty() {
        return flood.getReadOnlyProperty();
    }

    public String subject() {
        return subject;
    }

    /** True for the engine's buckets (subjects over the cap, subjects too odd to track by name), not a subject. */
    public boolean isOther() {
        return other;
    }

    public ReadOnlyLongProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty rate1sProperty() {
        return rate1s.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty rate1mProperty() {
        return rate1m.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LastSeen> lastSeenProperty() {
        return lastSeen.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Breakdown> breakdownProperty() {
        return breakdown.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty previewProperty() {
        return preview.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return subject;
    }
}
