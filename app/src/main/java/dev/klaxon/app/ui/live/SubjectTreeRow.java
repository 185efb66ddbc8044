package dev.klaxon.app.ui.live;

import java.time.Instant;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One node of the subject tree on screen. Lives as long as its path and is updated in place, so the tree keeps its
 * expansion, selection and scroll position while the numbers change. FX thread only.
 */
final class SubjectTreeRow {
    private final String path;
    private final String label;
    private final boolean bucket;
    private String subject;
    private final ReadOnlyIntegerWrapper subjects = new ReadOnlyIntegerWrapper(this, "subjects");
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper(this, "total");
    private final ReadOnlyDoubleWrapper rate1s = new ReadOnlyDoubleWrapper(this, "rate1s");
    private final ReadOnlyDoubleWrapper rate1m = new ReadOnlyDoubleWrapper(this, "rate1m");
    private final ReadOnlyObjectWrapper<Flooding> flooding = new ReadOnlyObjectWrapper<>(this, "flooding",
            Flooding.NONE);
    private final ReadOnlyObjectWrapper<LastSeen> lastSeen = new ReadOnlyObjectWrapper<>(this, "lastSeen",
            new LastSeen(null, "—"));
    private final ReadOnlyObjectWrapper<Breakdown> breakdown = new ReadOnlyObjectWrapper<>(this, "breakdown",
            Breakdown.EMPTY);

    SubjectTreeRow(SubjectBranch branch) {
        this.path = branch.path();
        this.label = branch.label();
        this.bucket = branch.bucket();
    }

    /** Copies the branch's numbers; a property only fires when its value really changed. */
    void update(SubjectBranch branch, Instant now) {
        subject = branch.subject();
        subjects.set(branch.subjects());
        total.set(branch.total());
        rate1s.set(branch.rate1s());
        rate1m.set(branch.rate1m());
        Flooding floods = new Flooding(branch.flooding(), branch.held());
        if (!floods.equals(flooding.get())) {
            flooding.set(floods);
        }
        LastSeen seen = LastSeen.of(branch.lastSeen(), now);
        if (!seen.equals(lastSeen.get())) {
            lastSeen.set(seen);
        }
        Breakdown next = new Breakdown(branch.byOutcome());
        if (!next.equals(breakdown.get())) {
            breakdown.set(next);
        }
    }

    String path() {
        return path;
    }

    String label() {
        return label;
    }

    boolean isBucket() {
        return bucket;
    }

    /** The subject this node is (its tail can be followed), or null for a prefix only. */
    String subject() {
        return subject;
    }

    ReadOnlyIntegerProperty subjectsProperty() {
        return subjects.getReadOnlyProperty();
    }

    ReadOnlyLongProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    ReadOnlyDoubleProperty rate1sProperty() {
        return rate1s.getReadOnlyProperty();
    }

    ReadOnlyDoubleProperty rate1mProperty() {
        return rate1m.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<Flooding> floodingProperty() {
        return flooding.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<LastSeen> lastSeenProperty() {
        return lastSeen.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<Breakdown> breakdownProperty() {
        return breakdown.getReadOnlyProperty();
    }

    /** Subjects of a subtree in flood state, and the triggers held for them. */
    record Flooding(int subjects, long held) {
        static final Flooding NONE = new Flooding(0, 0);
    }

    @Override
    public String toString() {
        return path;
    }
}
