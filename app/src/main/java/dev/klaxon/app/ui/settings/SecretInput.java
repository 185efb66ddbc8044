package dev.klaxon.app.ui.settings;

import dev.klaxon.secret.SecretRef;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;

/**
 * Where a secret comes from: an environment variable's name or a file's path. The secret itself is never asked for
 * nor shown; the prompt says so, since pasting a key here is the likely mistake.
 */
final class SecretInput {
    private final ChoiceBox<SecretRef.Source> source = new ChoiceBox<>();
    private final TextField reference = new TextField();
    private final HBox box;
    private final String example;

    /** @param example a variable name to show as the prompt, e.g. PD_API_TOKEN */
    SecretInput(String id, String what, String example) {
        this.example = example;
        source.getItems().setAll(SecretRef.Source.ENV, SecretRef.Source.FILE);
        source.setValue(SecretRef.Source.ENV);
        source.setId(id + "-source");
        source.setConverter(new StringConverter<>() {
            @Override
            public String toString(SecretRef.Source value) {
                return value == SecretRef.Source.FILE ? "File" : "Env var";
            }

            @Override
            public SecretRef.Source fromString(String text) {
                return "File".equals(text) ? SecretRef.Source.FILE : SecretRef.Source.ENV;
            }
        });
        source.setTooltip(new Tooltip("Where " + what + " is read from when Klaxon needs it"));
        source.setAccessibleText(what + ": environment variable or file");
        reference.setId(id);
        reference.setAccessibleText(what + ": the variable's name or the file's path, never the secret itself");
        reference.setTooltip(new Tooltip("The environment variable's NAME or the file's PATH, never the secret "
                + "itself: the config file only says where " + what + " lives."));
        source.valueProperty().addListener((obs, old, now) -> prompt());
        prompt();
        HBox.setHgrow(reference, Priority.ALWAYS);
        box = new HBox(6, source, reference);
    }

    private void prompt() {
        reference.setPromptText(source.getValue() == SecretRef.Source.FILE ? "path, e.g. ~/.config/klaxon/key.txt"
                : "variable name, e.g. " + example);
    }

    Node node() {
        return box;
    }

    TextField field() {
        return reference;
    }

    SecretField value() {
        return new SecretField(source.getValue(), reference.getText());
    }

    void set(SecretField value) {
        source.setValue(value.source());
        reference.setText(value.reference());
    }

    void setEditable(boolean editable) {
        source.setDisable(!editable);
        reference.setEditable(editable);
    }
}
