package dev.klaxon.app.ui;

import atlantafx.base.theme.Styles;
import dev.klaxon.guard.FloodStatus;
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

    /** @param release asked to confirm and release a subject's held triggers, with the window to own its dialog */
    FloodList(BiConsumer<String, Window> release) {
        table.setId("flood-table");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label placeholder = new Label("No subject is in flood state: every trigger goes through as it comes.",
                new FontIcon(Material2MZ.VERIFIED));
        placeholder.getStyleClass().add("placeholder-text");
        table.setPlaceholder(placeholder);

        TableColumn<FloodStatus, String> subject = new TableColumn<>("Subject in flood");
        subject.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().subject()));
        subject.setPrefWidth(320);
        TableColumn<FloodStatus, Instant> since = new TableColumn<>("Since");
        since.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().since()));
        since.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Instant at, boolean empty) {
                super.updateItem(at, empty);
                setText(empty || at == null ? null : Formats.seconds(at));
            }
        });
        since.setPrefWidth(90);
        TableColumn<FloodStatus, Number> held = new TableColumn<>("Held");
        held.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().held()));
        held.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Number count, boolean empty) {
                super.updateItem(count, empty);
                setText(empty || count == null ? null : Formats.count(count.longValue()));
            }
        });
        held.getStyleClass().add("numeric");
        held.setPrefWidth(90);
        TableColumn<FloodStatus, FloodStatus> action = new TableColumn<>("");
        action.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        action.setCellFactory(c -> new ReleaseCell(release));
        action.setSortable(false);
        action.setPrefWidth(170);
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

    private static final class ReleaseCell extends TableCell<FloodStatus, FloodStatus> {
        private final Button button = new Button(null, new FontIcon(Material2MZ.PLAY_CIRCLE_OUTLINE));
        private final Tooltip tooltip = new Tooltip();

        ReleaseCell(BiConsumer<String, Window> release) {
            button.getStyleClass().addAll(Styles.SMALL, "release-button");
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
            button.setText("Release " + Formats.count(flood.held()) + "…");
            button.setDisable(flood.held() == 0);
            tooltip.setText("Send the " + Formats.count(flood.held()) + " held triggers of " + flood.subject()
                    + " to PagerDuty now (asks first)");
            setGraphic(button);
        }
    }
}
