package dev.klaxon.app.ui.common;

import javafx.scene.control.Cell;

/**
 * How a cell shows its item, written once for a table's cells and a tree table's alike ({@link Cells} adapts it to
 * each). One look per cell: it may keep the nodes it reuses. FX thread only.
 */
@FunctionalInterface
public interface CellLook<T> {
    /** Shows {@code item} on {@code cell}; {@code item} is null for an empty cell, which must then show nothing. */
    void show(Cell<T> cell, T item);
}
