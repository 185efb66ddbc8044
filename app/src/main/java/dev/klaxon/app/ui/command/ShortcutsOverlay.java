package dev.klaxon.app.ui.command;

import atlantafx.base.theme.Styles;
import java.util.List;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * "?": every shortcut of the registry, grouped by where it works. Built from {@link ConsoleCommands} each time it
 * opens, so it lists exactly what the keys do. Escape or "?" closes it. FX thread only.
 */
public final class ShortcutsOverlay {
    /** The id of the command that opens this overlay. */
    public static final String COMMAND_ID = "help.shortcuts";

    private final OverlayHost host;
    private final ConsoleCommands commands;
    private final GridPane grid = new GridPane();
    private final ScrollPane scroll = new ScrollPane(grid);
    private final VBox card;

    public ShortcutsOverlay(OverlayHost host, ConsoleCommands commands) {
        this.host = host;
        this.commands = commands;
        grid.setHgap(16);
        grid.setVgap(4);
        grid.getStyleClass().add("shortcuts-grid");
        scroll.setId("shortcuts-list");
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(440);
        scroll.setAccessibleText("Keyboard shortcuts, grouped by where they work");

        Label title = new Label("Keyboard shortcuts", new FontIcon(Material2AL.KEYBOARD));
        title.getStyleClass().add("overlay-title");
        Button close = new Button(null, new FontIcon(Material2AL.CLOSE));
        close.setId("shortcuts-close");
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        close.setTooltip(new Tooltip("Close (Esc or ?)"));
        close.setAccessibleText("Close the keyboard shortcuts");
        close.setFocusTraversable(false);
        close.setOnAction(e -> host.close());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, spacer, close);
        header.setAlignment(Pos.CENTER_LEFT);
        Label hint = new Label("Ctrl+K finds every command and subject by name · Esc or ? closes");
        hint.getStyleClass().add("overlay-hint");

        card = new VBox(10, header, scroll, hint);
        card.setId("shortcuts-overlay");
        card.getStyleClass().add("overlay-card");
        card.setMaxWidth(720);
        card.setMaxHeight(Region.USE_PREF_SIZE);
        card.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ESCAPE) {
                host.close();
                event.consume();
            }
        });
        card.addEventFilter(KeyEvent.KEY_TYPED, event -> {
            if ("?".equals(event.getCharacter())) {
                host.close();
                event.consume();
            }
        });
    }

    public void open() {
        fill();
        host.open(card, scroll);
    }

    /** Opens it, or closes it when it is the overlay already open. */
    public void toggle() {
        if (isOpen()) {
            host.close();
        } else {
            open();
        }
    }

    public boolean isOpen() {
        return host.isOpen(card);
    }

    public Node node() {
        return card;
    }

    private void fill() {
        grid.getChildren().clear();
        int row = 0;
        for (Map.Entry<String, List<ConsoleCommand>> group : commands.withKeysByCategory().entrySet()) {
            Label category = new Label(group.getKey());
            category.getStyleClass().add("shortcuts-category");
            grid.add(category, 0, row++, 2, 1);
            for (ConsoleCommand command : group.getValue()) {
                Label keys = new Label(command.keysText());
                keys.getStyleClass().addAll("key-cap", "shortcut-keys");
                keys.setMinWidth(Region.USE_PREF_SIZE);
                Label what = new Label(command.title());
                what.getStyleClass().add("shortcut-title");
                what.setWrapText(true);
                grid.add(keys, 0, row);
                grid.add(what, 1, row++);
            }
        }
    }
}
