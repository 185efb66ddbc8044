package dev.klaxon.app.ui.live;

import atlantafx.base.controls.CustomTextField;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The filter box and the badge saying how its text is read (text match or NATS wildcard). Esc clears it.
 * Parsing a filter is cheap and happens on each keystroke; the table applies it to its rows.
 */
public final class FilterBox {
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    private final CustomTextField field = new CustomTextField();
    private final Label mode = new Label();
    private final Tooltip tooltip = new Tooltip();
    private final ReadOnlyObjectWrapper<SubjectFilter> filter = new ReadOnlyObjectWrapper<>(SubjectFilter.ALL);
    private final HBox root = new HBox(8, field, mode);
    private Runnable leave = () -> { };

    public FilterBox() {
        field.setId("subject-filter");
        field.setPromptText("Filter subjects: text, or a wildcard like alerts.prod.> or *.staging.*   ( / )");
        field.setLeft(new FontIcon(Material2MZ.SEARCH));
        field.setPrefColumnCount(30);
        field.setMinWidth(150); // on a narrow toolbar it shrinks, down to where a pattern is still readable
        field.setTooltip(tooltip);
        // Esc clears and Enter keeps the filter; both hand the keyboard back, so Space pauses again at once.
        field.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ESCAPE || event.getCode() == KeyCode.ENTER) {
                if (event.getCode() == KeyCode.ESCAPE) {
                    field.clear();
                }
                leave.run();
                event.consume();
            }
        });
        mode.setId("filter-mode");
        mode.getStyleClass().add("filter-mode");
        mode.setMinWidth(Label.USE_PREF_SIZE);
        mode.setTooltip(tooltip);
        field.textProperty().addListener((obs, old, text) -> show(SubjectFilter.parse(text)));
        root.setAlignment(Pos.CENTER_LEFT);
        show(SubjectFilter.ALL);
    }

    private void show(SubjectFilter next) {
        filter.set(next);
        mode.setText(next.modeLabel());
        tooltip.setText(next.explanation());
        boolean invalid = next.mode() == SubjectFilter.Mode.INVALID_WILDCARD;
        field.pseudoClassStateChanged(INVALID, invalid);
        mode.pseudoClassStateChanged(INVALID, invalid);
    }

    public Node node() {
        return root;
    }

    /** Where the keyboard goes when the operator is done with the filter (Esc or Enter). */
    public void onLeave(Runnable whereNext) {
        leave = whereNext;
    }

    public TextField field() {
        return field;
    }

    public ReadOnlyObjectProperty<SubjectFilter> filter() {
        return filter.getReadOnlyProperty();
    }
}
