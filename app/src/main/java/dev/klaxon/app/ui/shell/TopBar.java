package dev.klaxon.app.ui.shell;

import atlantafx.base.theme.Styles;
import dev.klaxon.app.prefs.Theme;
import dev.klaxon.app.ui.common.ConsoleView;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The toolbar: brand, the config in use, the view switch, the shown view's own tools (the live view's filter and
 * pause), the alert control and the theme switch. FX thread only.
 */
final class TopBar {
    /** Below this toolbar width the view switch shows icons only (the live view's tools need the room). */
    private static final double WORDS_FROM = 1280;

    private final HBox node;
    private final HBox leftTools = new HBox(12);
    private final HBox rightTools = new HBox(12);
    private final Button themeButton = new Button();
    private final ObjectProperty<Theme> theme;

    TopBar(String sourceLabel, ViewSwitcher switcher, Node alertControl, ObjectProperty<Theme> theme) {
        this.theme = theme;
        Label brand = new Label("Klaxon", new FontIcon(Material2MZ.NOTIFICATIONS_ACTIVE));
        brand.getStyleClass().addAll("brand", Styles.TITLE_4);
        brand.setMinWidth(Region.USE_PREF_SIZE);
        Label source = new Label(sourceLabel);
        source.setId("config-source");
        source.getStyleClass().add("source-chip");
        source.setTooltip(new Tooltip("Configuration in use"));
        source.setMaxWidth(280);

        themeButton.setId("theme-button");
        themeButton.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        themeButton.setFocusTraversable(false);
        showThemeButton();
        themeButton.setOnAction(e -> {
            theme.set(theme.get().other());
            Themes.apply(theme.get());
            showThemeButton();
        });

        leftTools.setAlignment(Pos.CENTER_LEFT);
        rightTools.setAlignment(Pos.CENTER_LEFT);
        showTools(switcher.shown());
        switcher.shownProperty().addListener((obs, old, view) -> showTools(view));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        node = new HBox(12, brand, source, switcher.node(), leftTools, spacer, rightTools, alertControl, themeButton);
        node.setAlignment(Pos.CENTER_LEFT);
        node.getStyleClass().add("console-toolbar");
        node.setMinWidth(0);
        switcher.wordsWhenWide(node, WORDS_FROM);
    }

    Node node() {
        return node;
    }

    /** Switches the theme, as a click on the button does. */
    void switchTheme() {
        themeButton.fire();
    }

    private void showTools(ConsoleView view) {
        ConsoleView.Toolbar tools = view.toolbar();
        leftTools.getChildren().setAll(tools.left());
        rightTools.getChildren().setAll(tools.right());
        boolean anyLeft = !tools.left().isEmpty();
        leftTools.setVisible(anyLeft);
        leftTools.setManaged(anyLeft);
        boolean anyRight = !tools.right().isEmpty();
        rightTools.setVisible(anyRight);
        rightTools.setManaged(anyRight);
    }

    private void showThemeButton() {
        themeButton.setGraphic(new FontIcon(theme.get() == Theme.DARK ? Material2MZ.WB_SUNNY
                : Material2MZ.NIGHTS_STAY));
        themeButton.setTooltip(new Tooltip(theme.get() == Theme.DARK ? "Switch to the light theme"
                : "Switch to the dark theme"));
    }
}
