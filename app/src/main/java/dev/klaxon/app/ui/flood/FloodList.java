package dev.klaxon.app.ui.flood;

import atlantafx.base.theme.Styles;
import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.guard.FloodStatus;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.ToIntFunction;
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
 * sending (see {@link HeldRelease}). A table, so a flood over thousands of subjects stays a few cells. FX thread only.
 */
final class FloodList {
    private final TableView<FloodStatus> table = new TableView<>();
    private List<FloodStatus> shown = List.of();

    /**
     * @param heldCount how many triggers are held under a subject now (in memory; cheap)
     * @param release   asked to confirm and release a subject's held triggers, with the window to own its dialog
     */
    FloodList(ToIntFunction<String> heldCount, BiConsumer<String, Window> release) {
        table.setId("flood-table");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label placeholder = new Label("No subject is in flood state: every trigger goes through as it comes.",
                new FontIcon(Material2MZ.VERIFIED));
        placeholder.getStyleClass().add("placeholder-text");
        table.setPlaceholder(placeholder);

        TableColumn<FloodStatus, String> subject = new TableColumn<>("Subject in flood");
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
        TableColumn<FloodStatus, Instant> since = new TableColumn<>("Since");
        since.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().since()));
        since.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Instant at, boolean empty) {
                super.updateItem(at, empty);
                setText(empty || at == null ? null : Formats.seconds(at));
            }
        });
        since.setPrefWidth(84);
        since.setMinWidth(84); // a column's min width is a number: Region.USE_PREF_SIZE would let it shrink to "…"
        TableColumn<FloodStatus, Number> held = new TableColumn<>();
        Label heldHeader = new Label("Held");
        heldHeader.setTooltip(new Tooltip("Triggers held since this flood began. Release sends everything still held "
                + "under the subject, earlier floods included, so its count can be higher."));
        held.setGraphic(heldHeader);
        held.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().held()));
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
        TableColumn<FloodStatus, FloodStatus> action = new TableColumn<>("");
        action.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        action.setCellFactory(c -> new ReleaseCell(heldCount, release));
        action.setSortable(false);
        action.setPrefWidth(170);
        action.setMinWidth(170);
        table.getColumns().setAll(List.of(subject, since, held, action));
    }

    TableView<FloodStatus> node() {
        return table;
    }

    /** Shows the engine's list; the same list object again changes nothing. */
    void show(List<FloodStatus> floods) {
        if (floods == shown) {
            return;
        }
        shown = floods;
        FloodStatus selected = table.getSelectionModel().getSelectedItem();
        table.getItems().setAll(floods.stream()
                .sorted((a, b) -> Long.compare(b.held(), a.held())).toList());
        if (selected != null) {
            table.getItems().stream().filter(f -> f.subject().equals(selected.subject())).findFirst()
                    .ifPresent(f -> table.getSelectionModel().select(f));
        }
    }

    /**
     * Held triggers are kept under their own subjects: a routing key's or a global flood holds nothing under its
     * own name, so its row has nothing to release (its subjects' rows do).
     */
    private static final class ReleaseCell extends TableCell<FloodStatus, FloodStatus> {
        private final Button button = new Button(null, new FontIcon(Material2MZ.PLAY_CIRCLE_OUTLINE));
        private final Tooltip tooltip = new Tooltip();
        private final ToIntFunction<String> heldCount;

        ReleaseCell(ToIntFunction<String> heldCount, BiConsumer<String, Window> release) {
            this.heldCount = heldCount;
            button.getStyleClass().addAll(Styles.SMALL, "release-button");
            button.setMinWidth(Region.USE_PREF_SIZE);
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(420);
            button.setTooltip(tooltip);
            button.setOnAction(e -> {
                if (getItem() != null) {
                    release.accept(getItem().subject(), getScene().getWindow());
                }
            });
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(FloodStatus flood, boolean empty) {
            super.updateItem(flood, empty);
            if (empty || flood == null) {
                setGraphic(null);
                return;
            }
            int held = heldCount.applyAsInt(flood.subject());
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
