package dev.klaxon.app.ui.shell;

import atlantafx.base.theme.Styles;
import dev.klaxon.config.ConfigError;
import dev.klaxon.config.ConfigException;
import java.util.stream.Collectors;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * Shown instead of the console when the config cannot be used: the file, then every error with its key and line,
 * as selectable text, and a Quit button. No stack trace: the errors are the user's to fix, not ours.
 */
public final class ConfigErrorView {
    private final VBox root;
    private final Button quitButton;

    public ConfigErrorView(ConfigException exception, Runnable quit) {
        int n = exception.errors().size();
        Label title = new Label("Klaxon cannot start: the configuration has " + n + (n == 1 ? " error" : " errors"),
                new FontIcon(Material2AL.ERROR_OUTLINE));
        title.getStyleClass().addAll("error-title", Styles.TITLE_3);
        title.setWrapText(true);

        TextField file = new TextField(exception.source() == null ? "(no file)" : exception.source().toString());
        file.setId("config-error-file");
        file.setEditable(false);
        HBox fileRow = new HBox(8, new Label("File"), file);
        fileRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(file, Priority.ALWAYS);

        String listed = exception.errors().stream().map(ConfigError::render).collect(Collectors.joining("\n"));
        TextArea errors = new TextArea(listed);
        errors.setId("config-errors");
        errors.setEditable(false);
        errors.setWrapText(true);
        errors.getStyleClass().add("error-list");
        errors.setPrefRowCount(Math.min(Math.max(n + 1, 4), 16));
        VBox.setVgrow(errors, Priority.ALWAYS);

        Label hint = new Label("Fix these in the file and start Klaxon again. Nothing was connected or sent.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);

        Button copy = new Button("Copy errors", new FontIcon(Material2AL.CONTENT_COPY));
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(exception.getMessage());
            Clipboard.getSystemClipboard().setContent(content);
        });
        quitButton = new Button("Quit");
        quitButton.setId("quit-button");
        quitButton.setDefaultButton(true);
        quitButton.getStyleClass().add(Styles.DANGER);
        quitButton.setOnAction(e -> quit.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(10, spacer, copy, quitButton);

        root = new VBox(title, fileRow, errors, hint, buttons);
        root.getStyleClass().add("error-pane");
        root.setMaxWidth(1000);
    }

    /** Puts the keyboard on Quit (call once shown), so Enter or Space closes. */
    public void focusQuit() {
        quitButton.requestFocus();
    }

    public Parent node() {
        return root;
    }
}
