package dev.klaxon.app.ui.live;

import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.app.ui.common.OutcomeBadge;
import dev.klaxon.decision.Outcome;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/**
 * "shadowed 12 · logged 3" plus, when any, a flagged "rejected N" with an icon (never colour alone), for the
 * subjects table's rows and the subject tree's branches alike.
 */
final class BreakdownLabels {
    private final Label ordinary = new Label();
    private final Label rejected = new Label();
    private final HBox box = new HBox(10, rejected, ordinary);

    BreakdownLabels() {
        box.setAlignment(Pos.CENTER_LEFT);
        ordinary.getStyleClass().add("breakdown");
        ordinary.setMinWidth(0);
        rejected.getStyleClass().add("rejected-count");
        rejected.setMinWidth(Label.USE_PREF_SIZE); // the warning is never the part that gets cut
        OutcomeBadge.show(rejected, Outcome.REJECTED, "");
    }

    Node node() {
        return box;
    }

    void show(Breakdown breakdown) {
        long nRejected = breakdown.rejected();
        rejected.setText("rejected " + Formats.count(nRejected));
        rejected.setVisible(nRejected > 0);
        rejected.setManaged(nRejected > 0);
        ordinary.setText(breakdown.summary());
    }
}
