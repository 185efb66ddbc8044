package dev.klaxon.app.ui.common;

import java.util.function.Function;
import java.util.function.Supplier;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.util.Callback;

/** Cell factories from a {@link CellLook}, so a table and a tree table that show the same values share their cells. */
public final class Cells {
    private Cells() {
    }

    public static <S, T> Callback<TableColumn<S, T>, TableCell<S, T>> forTable(Supplier<CellLook<T>> looks) {
        return column -> {
            CellLook<T> look = looks.get();
            return new TableCell<>() {
                @Override
                protected void updateItem(T item, boolean empty) {
                    super.updateItem(item, empty);
                    look.show(this, empty ? null : item);
                }
            };
        };
    }

    public static <S, T> Callback<TreeTableColumn<S, T>, TreeTableCell<S, T>> forTree(Supplier<CellLook<T>> looks) {
        return column -> {
            CellLook<T> look = looks.get();
            return new TreeTableCell<>() {
                @Override
                protected void updateItem(T item, boolean empty) {
                    super.updateItem(item, empty);
                    look.show(this, empty ? null : item);
                }
            };
        };
    }

    /** A value as text, e.g. a count or a rate; nothing for an empty cell. */
    public static <T> Supplier<CellLook<T>> text(Function<T, String> format) {
        return () -> (cell, item) -> cell.setText(item == null ? null : format.apply(item));
    }
}
