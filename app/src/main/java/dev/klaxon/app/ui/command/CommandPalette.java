package dev.klaxon.app.ui.command;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * Ctrl+K: one text field that finds any command (by title or category) and any subject the engine knows, Up/Down
 * to move, Enter to run, Escape to close. Only the commands that can run at the moment it opens are offered. The
 * list is capped, so a console with thousands of subjects stays quick to type into. FX thread only.
 */
public final class CommandPalette {
    public static final int MAX_SHOWN = 50;
    /** The id of the command that opens the palette, which the palette does not offer itself. */
    public static final String COMMAND_ID = "palette.open";
    private static final PseudoClass UNAVAILABLE = PseudoClass.getPseudoClass("unavailable");

    private final OverlayHost host;
    private final ConsoleCommands commands;
    private final Supplier<List<String>> subjects;
    private final Consumer<String> selectSubject;
    private final TextField field = new TextField();
    private final ListView<PaletteItem> list = new ListView<>();
    private final Label hint = new Label();
    private final VBox card;
    private List<PaletteItem> items = List.of();

    /**
     * @param subjects      the subjects the engine currently knows (from its latest snapshot)
     * @param selectSubject selects a subject in the live view and follows its tail
     */
    public CommandPalette(OverlayHost host, ConsoleCommands commands, Supplier<List<String>> subjects,
                          Consumer<String> selectSubject) {
        this.host = host;
        this.commands = commands;
        this.subjects = subjects;
        this.selectSubject = selectSubject;

        field.setId("palette-field");
        field.setPromptText("Type a command or a subject…");
        field.setAccessibleText("Command palette: type to find a command or a subject");
        field.setTooltip(new Tooltip("Up and Down move, Enter runs, Escape closes"));
        field.textProperty().addListener((obs, old, text) -> refresh());
        field.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);

        list.setId("palette-list");
        list.setFocusTraversable(false); // the keyboard stays in the field; Up/Down move the list from there
        list.setAccessibleText("Matching commands and subjects");
        list.setPrefHeight(360);
        list.setPlaceholder(new Label("Nothing matches"));
        list.setCellFactory(view -> new ItemCell());
        list.setOnMouseClicked(event -> {
            if (event.getButton() == MouseButton.PRIMARY) {
                run(list.getSelectionModel().getSelectedItem());
            }
        });

        hint.setId("palette-hint");
        hint.getStyleClass().add("overlay-hint");
        Label title = new Label("Command palette", new FontIcon(Material2MZ.SEARCH));
        title.getStyleClass().add("overlay-title");
        card = new VBox(8, title, field, list, hint);
        showHint(null);
        card.setId("command-palette");
        card.getStyleClass().add("overlay-card");
        card.setMaxWidth(680);
        card.setMaxHeight(Region.USE_PREF_SIZE);
    }

    public void open() {
        List<PaletteItem> next = new ArrayList<>();
        // Every command is found, so "snooze" always finds snooze; one that cannot run now says what it needs.
        for (ConsoleCommand command : commands.all()) {
            if (command.id().equals(COMMAND_ID)) {
                continue;
            }
            boolean now = command.enabled().getAsBoolean();
            if (now || command.needs() != null) {
                next.add(new PaletteItem(command.title(), command.category(), command.keysText(), command.action(),
                        now ? null : command.needs()));
            }
        }
        for (String subject : subjects.get()) {
            next.add(new PaletteItem(subject, "Subject: select it and follow its tail", "",
                    () -> selectSubject.accept(subject)));
        }
        items = List.copyOf(next);
        field.clear();
        showHint(null);
        refresh();
        host.open(card, field);
    }

    public boolean isOpen() {
        return host.isOpen(card);
    }

    public Node node() {
        return card;
    }

    private void refresh() {
        list.getItems().setAll(PaletteSearch.find(items, field.getText(), MAX_SHOWN));
        if (!list.getItems().isEmpty()) {
            list.getSelectionModel().select(0);
            list.scrollTo(0);
        }
    }

    private void onKey(KeyEvent event) {
        switch (event.getCode()) {
            case DOWN, UP -> {
                int size = list.getItems().size();
                if (size > 0) {
                    int at = list.getSelectionModel().getSelectedIndex();
                    int next = Math.floorMod(at + (event.getCode() == KeyCode.DOWN ? 1 : -1), size);
                    list.getSelectionModel().select(next);
                    list.scrollTo(Math.max(0, next - 3));
                }
                event.consume();
            }
            case ENTER -> {
                run(list.getSelectionModel().getSelectedItem());
                event.consume();
            }
            case ESCAPE -> {
                host.close();
                event.consume();
            }
            default -> {
                // typed into the field
            }
        }
    }

    /**
     * Closes first, so the command finds the keyboard where it was before the palette opened. One that cannot run
     * now stays listed and says what it needs instead.
     */
    private void run(PaletteItem item) {
        if (item == null) {
            return;
        }
        if (!item.available()) {
            showHint(item.needs());
            return;
        }
        host.close();
        item.run().run();
    }

    private void showHint(String needs) {
        hint.setText(needs == null ? "↑ ↓ move · Enter runs · Esc closes" : needs);
        hint.pseudoClassStateChanged(UNAVAILABLE, needs != null);
    }

    private static final class ItemCell extends ListCell<PaletteItem> {
        private final Label title = new Label();
        private final Label detail = new Label();
        private final Label keys = new Label();
        private final HBox box;

        ItemCell() {
            detail.getStyleClass().add("palette-detail");
            keys.getStyleClass().add("key-cap");
            keys.setMinWidth(Region.USE_PREF_SIZE);
            title.setMinWidth(0);
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            box = new HBox(10, title, detail, spacer, keys);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(PaletteItem item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setAccessibleText(null);
                return;
            }
            title.setText(item.title());
            detail.setText(item.available() ? item.detail() : item.detail() + " · " + item.needs());
            pseudoClassStateChanged(UNAVAILABLE, !item.available());
            keys.setText(item.keys());
            keys.setVisible(!item.keys().isEmpty());
            setGraphic(box);
            setAccessibleText(item.title() + ", " + item.detail()
                    + (item.keys().isEmpty() ? "" : ", shortcut " + item.keys()));
        }
    }
}
