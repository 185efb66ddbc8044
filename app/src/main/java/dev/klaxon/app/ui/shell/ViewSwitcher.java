package dev.klaxon.app.ui.shell;

import atlantafx.base.theme.Styles;
import dev.klaxon.app.ui.common.ConsoleView;
import dev.klaxon.app.ui.common.ViewInfo;
import dev.klaxon.app.ui.common.WordsWhenWide;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The segmented switch over the views, in their order (Ctrl+1 is the first): one view is always shown; switching
 * deactivates the old one, places the new one, activates it and gives it the keyboard. FX thread only.
 */
final class ViewSwitcher {
    private final List<ConsoleView> views;
    private final List<ToggleButton> buttons = new ArrayList<>();
    private final ToggleGroup group = new ToggleGroup();
    private final ReadOnlyObjectWrapper<ConsoleView> shown = new ReadOnlyObjectWrapper<>(this, "shown");
    private final HBox node = new HBox();

    /** @param place puts a view's node where views go; the first view is placed at once */
    ViewSwitcher(List<ConsoleView> views, Consumer<Node> place) {
        this.views = List.copyOf(views);
        for (int i = 0; i < views.size(); i++) {
            buttons.add(button(views.get(i), i));
        }
        node.getChildren().setAll(buttons);
        node.setMinWidth(Region.USE_PREF_SIZE);
        ConsoleView first = views.get(0);
        place.accept(first.node());
        shown.set(first);
        buttons.get(0).setSelected(true);
        group.selectedToggleProperty().addListener((obs, old, toggle) -> {
            if (toggle == null) {
                old.setSelected(true); // a segmented switch always has one side on
                return;
            }
            ConsoleView next = views.get(buttons.indexOf((ToggleButton) toggle));
            ConsoleView previous = shown.get();
            if (next == previous) {
                return;
            }
            previous.setShown(false);
            place.accept(next.node());
            shown.set(next);
            next.setShown(true);
            next.focus();
        });
    }

    Node node() {
        return node;
    }

    /**
     * The views named by word show only their icon while {@code container} is narrower than {@code minWidth}: at
     * 1024 pixels the worded switch alone would push the live view's filter and pause off the toolbar.
     */
    void wordsWhenWide(Region container, double minWidth) {
        List<ToggleButton> worded = new ArrayList<>();
        for (int i = 0; i < views.size(); i++) {
            if (!views.get(i).info().iconOnly()) {
                worded.add(buttons.get(i));
            }
        }
        WordsWhenWide.apply(container, minWidth, worded);
    }

    List<ConsoleView> views() {
        return views;
    }

    ReadOnlyObjectProperty<ConsoleView> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    ConsoleView shown() {
        return shown.get();
    }

    void show(ConsoleView view) {
        buttons.get(views.indexOf(view)).setSelected(true);
    }

    /** The key that shows the view at this position: Ctrl+1 for the first. */
    static int keyNumber(int index) {
        return index + 1;
    }

    private ToggleButton button(ConsoleView view, int index) {
        ViewInfo info = view.info();
        ToggleButton button = new ToggleButton(info.title(), new FontIcon(info.icon()));
        button.setId(info.id() + "-view-button");
        button.setTooltip(new Tooltip(info.description() + " (Ctrl+" + keyNumber(index) + ")"));
        button.getStyleClass().add(index == 0 ? Styles.LEFT_PILL
                : index == views.size() - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
        if (info.iconOnly()) {
            // Icons only: with their words the switch pushes the live view's pause button off a 1280-pixel toolbar.
            button.setAccessibleText(info.title() + " view");
            button.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }
        button.setToggleGroup(group);
        button.setFocusTraversable(false);
        button.setMinWidth(Region.USE_PREF_SIZE);
        return button;
    }
}
