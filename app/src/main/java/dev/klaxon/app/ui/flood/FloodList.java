package dev.klaxon.app.ui.flood;

import atlantafx.base.theme.Styles;
import dev.klaxon.app.backend.HeldBatch;
import dev.klaxon.app.feed.FloodPicture;
import dev.klaxon.app.ui.common.Formats;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The subjects in flood state, most held first, each with a Release button that names the count and asks before
 * sending (see {@link HeldRelease}). Held count, button and confirmation come from one {@link FloodRow}, read in one
 * poll, so they always agree. A table, so a flood over thousands of subjects stays a few cells. FX thread only.
 */
final class FloodList {
    private final TableView<FloodRow> table = new TableView<>();
    private FloodPicture shown;

    /** @param release asked to confirm and release exactly a row's held triggers, with the window to own its dialog */
    FloodList(BiConsumer<HeldBatch, Window> release) {
        table.setId("flood-table");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label placeholder = new Label("No subject is in flood state: every trigger goes through as it comes.",
                new FontIcon(Material2MZ.VERIFIED));
        placeholder.getStyleClass().add("placeholder-text");
        table.setPlaceholder(placeholder);

        TableColumn<FloodRow, String> subject = new TableColumn<>("Subject in flood");
        subject.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().subject()));
        subject.setCellFactory(c -> new TableCell<>() {
            private final Tooltip tooltip = new Tooltip();

            @Override
            protected void updateItem(String name, boolean empty) {
                super.updateItem(name, empty);
                setText(empty ? null : name);
                tooltip.setText(name);
                setTooltip(empty || name == null ? null : tooltip); // a long subject is cut in the cell
            }
        });
        subject.setPrefWidth(240);
        subject.setMinWidth(120);
        TableColumn<FloodRow, Instant> since = new TableColumn<>("Since");
        since.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().flood().since()));
        since.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Instant at, boolean empty) {
                super.updateItem(at, empty);
                setText(empty || at == null ? null : Formats.seconds(at));
            }
        });
        since.setPrefWidth(84);
        since.setMinWidth(84); // a column's min width is a number: Region.USE_PREF_SIZE would let it shrink to "…"
        TableColumn<FloodRow, Number> held = new TableColumn<>();
        Label heldHeader = new Label("Held");
        heldHeader.setTooltip(new Tooltip("Triggers held under the subject now, earlier floods included: what its "
                + "Release sends. A routing key's or the global flood holds its triggers under their subjects."));
        held.setGraphic(heldHeader);
        held.setId("flood-held");
        held.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().held().count()));
        held.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Number count, boolean empty) {
                super.updateItem(count, empty);
                setText(empty || count == null ? null : Formats.count(count.longValue()));
            }
        });
        held.getStyleClass().add("numeric");
        held.setPrefWidth(80);
        held.setMinWidth(80);
        TableColumn<FloodRow, FloodRow> action = new TableColumn<>("");
        action.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        action.setCellFactory(c -> new ReleaseCell(release));
        action.setSortable(false);
        action.setPrefWidth(170);
        action.setMinWidth(170);
        table.getColumns().setAll(List.of(subject, since, held, action));
    }

    TableView<FloodRow> node() {
        return table;
    }

    /** Shows one read of the floods and what each holds; the same picture again changes nothing. */
    void show(FloodPicture picture) {
        if (picture == shown) {
            return;
        }
        shown = picture;
        FloodRow selected = table.getSelectionModel().getSelectedItem();
        table.getItems().setAll(picture.floods().stream()
                .map(flood -> new FloodRow(flood, picture.heldUnder(flood.subject())))
                .sorted((a, b) -> Integer.compare(b.held().count(), a.held().count())).toList());
        if (selected != null) {
            table.getItems().stream().filter(f -> f.subject().equals(selected.subject())).findFirst()
                    .ifPresent(f -> table.getSelectionModel().select(f));
        }
    }

    /**
     * Held triggers are kept under their own subjects: a routing key's or a global flood holds nothing under its
     * own name, so its row has nothing to release (its subjects' rows do).
     */
    private static final class ReleaseCell extends TableCell<FloodRow, FloodRow> {
        private final Button button = new Button(null, new FontIcon(Material2MZ.PLAY_CIRCLE_OUTLINE));
        private final Tooltip tooltip = new Tooltip();

        ReleaseCell(BiConsumer<HeldBatch, Window> release) {
            button.getStyleClass().addAll(Styles.SMALL, "release-button");
            button.setMinWidth(Region.USE_PREF_SIZE);
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(420);
            button.setTooltip(tooltip);
            button.setOnAction(e -> {
                if (getItem() != null) {
                    release.accept(getItem().held(), getScene().getWindow()); // the count this button names
                }
            });
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(FloodRow flood, boolean empty) {
            super.updateItem(flood, empty);
            if (empty || flood == null) {
                setGraphic(null);
                return;
            }
            int held = flood.held().count();
            button.setDisable(held == 0);
            if (held == 0) {
                button.setText("Nothing to release");
                tooltip.setText("Nothing is held under " + flood.subject() + " itself: held triggers are kept and "
                        + "released per subject, from the subjects' own rows.");
            } else {
                button.setText("Release " + Formats.count(held) + "…");
                tooltip.setText("Send the " + Formats.count(held) + " held triggers of " + flood.subject()
                        + " to PagerDuty now (asks first)");
            }
            setGraphic(button);
        }
    }
}
