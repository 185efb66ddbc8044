package dev.klaxon.app.ui.live;

import dev.klaxon.app.ui.common.CellLook;
import javafx.scene.control.Cell;
import javafx.scene.control.ContentDisplay;

/**
 * A subject's or a branch's decisions in a cell: "shadowed 12 · logged 3" plus, when any, a flagged "rejected N" with
 * an icon — never colour alone.
 */
final class BreakdownLook implements CellLook<Breakdown> {
    private final BreakdownLabels labels = new BreakdownLabels();

    @Override
    public void show(Cell<Breakdown> cell, Breakdown breakdown) {
        cell.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        if (breakdown == null) {
            cell.setGraphic(null);
            return;
        }
        labels.show(breakdown);
        cell.setGraphic(labels.node());
    }
}
