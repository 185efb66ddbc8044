package dev.klaxon.app.ui.incidents;

import dev.klaxon.app.backend.IncidentsBackend;
import dev.klaxon.config.DurationText;
import dev.klaxon.pagerduty.rest.EscalationStep;
import dev.klaxon.pagerduty.rest.IncidentSummary;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * The questions an incident action asks before it runs: a resolution note (and, for several incidents, an explicit
 * confirmation), the escalation level, how long to snooze and the note to add. FX thread only.
 */
final class IncidentPrompts {
    /** Levels offered; PagerDuty refuses a level the policy does not have, and the console shows that refusal. */
    static final int MAX_LEVEL = 10;
    /** PagerDuty's own web UI offers the same steps. */
    static final List<Duration> SNOOZE_PRESETS = List.of(Duration.ofHours(1), Duration.ofHours(4),
            Duration.ofHours(8), Duration.ofHours(24));

    private final Node owner;

    IncidentPrompts(Node owner) {
        this.owner = owner;
    }

    /**
     * Asks for the resolution note. For several incidents the dialog is also the confirmation: it lists them and
     * Enter does not confirm, so a bulk resolve always takes a deliberate click on "Resolve N incidents".
     *
     * @return the note ("" for none), or empty when the operator cancelled
     */
    Optional<String> resolution(List<IncidentSummary> incidents) {
        boolean bulk = incidents.size() > 1;
        Dialog<String> dialog = dialog(bulk ? "Resolve " + incidents.size() + " incidents" : "Resolve incident");
        dialog.getDialogPane().setId("resolve-dialog");
        dialog.setHeaderText(bulk ? "Resolve these " + incidents.size() + " incidents at once?"
                : "Resolve " + IncidentText.name(incidents.get(0)) + "?");
        TextField note = new TextField();
        note.setId("resolution-note");
        note.setPromptText("What fixed it (optional, stored with the incident on PagerDuty)");
        note.setAccessibleText("Resolution note");
        Label noteLabel = new Label("Resolution note");
        noteLabel.setLabelFor(note);
        VBox content = new VBox(8);
        if (bulk) {
            Label list = new Label(incidents.stream().map(IncidentText::name).limit(12)
                    .collect(Collectors.joining("\n")) + (incidents.size() > 12
                    ? "\n… and " + (incidents.size() - 12) + " more" : ""));
            list.setId("resolve-list");
            list.setWrapText(true);
            content.getChildren().add(list);
        }
        content.getChildren().addAll(noteLabel, note);
        dialog.getDialogPane().setContent(content);
        ButtonType resolve = new ButtonType(bulk ? "Resolve " + incidents.size() + " incidents" : "Resolve",
                ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(resolve, ButtonType.CANCEL);
        if (bulk) {
            ((Button) dialog.getDialogPane().lookupButton(resolve)).setDefaultButton(false);
        }
        dialog.setResultConverter(button -> button == resolve ? note.getText().strip() : null);
        dialog.setOnShown(e -> note.requestFocus());
        return dialog.showAndWait();
    }

    /**
     * @param step where the incident is in its policy, as far as who is on call says: the next level is offered
     * @return the level to escalate to, or empty when cancelled
     */
    Optional<Integer> escalationLevel(IncidentSummary incident, EscalationStep step) {
        Dialog<Integer> dialog = dialog("Escalate incident");
        dialog.getDialogPane().setId("escalate-dialog");
        dialog.setHeaderText("Escalate " + IncidentText.name(incident) + "?");
        int max = step.last() > 0 ? step.last() : MAX_LEVEL;
        Spinner<Integer> level = new Spinner<>(1, max, step.atLastLevel() ? step.current() : step.next());
        level.setId("escalation-level");
        level.setEditable(true);
        level.setAccessibleText("Escalation level");
        String where = step.last() == 0 ? "" : step.atLastLevel()
                ? "It is at level " + step.current() + ", the last of its policy with someone on call. "
                : "It is at level " + step.current() + " of " + step.last() + " (from who is on call). ";
        Label label = new Label(where + "Escalation level (1 is the policy's first). PagerDuty notifies whoever is on "
                + "call at that level.");
        label.setWrapText(true);
        label.setLabelFor(level);
        dialog.getDialogPane().setContent(new VBox(8, label, level));
        ButtonType escalate = new ButtonType("Escalate", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(escalate, ButtonType.CANCEL);
        dialog.setResultConverter(button -> button == escalate ? level.getValue() : null);
        dialog.setOnShown(e -> level.requestFocus());
        return dialog.showAndWait();
    }

    /**
     * Asks how long to snooze: 1 h, 4 h, 8 h, 24 h, or a custom duration such as 90m or 2d (at most 7 days, as
     * PagerDuty allows). A custom text that does not read is named under the field and keeps the dialog open.
     *
     * @return the duration, or empty when cancelled
     */
    Optional<Duration> snoozeDuration(IncidentSummary incident) {
        Dialog<Duration> dialog = dialog("Snooze incident");
        dialog.getDialogPane().setId("snooze-dialog");
        dialog.setHeaderText("Snooze " + IncidentText.name(incident) + "?");
        Label explain = new Label("PagerDuty keeps it acknowledged for this long, then triggers it again and "
                + "notifies whoever is on call.");
        explain.setWrapText(true);
        ToggleGroup choices = new ToggleGroup();
        HBox presets = new HBox(8);
        for (Duration preset : SNOOZE_PRESETS) {
            RadioButton choice = new RadioButton(DurationText.format(preset));
            choice.setId("snooze-" + DurationText.format(preset));
            choice.setUserData(preset);
            choice.setToggleGroup(choices);
            presets.getChildren().add(choice);
        }
        RadioButton custom = new RadioButton("Custom");
        custom.setId("snooze-custom");
        custom.setToggleGroup(choices);
        presets.getChildren().add(custom);
        choices.selectToggle(choices.getToggles().get(0));
        TextField customText = new TextField();
        customText.setId("snooze-custom-text");
        customText.setPromptText("e.g. 90m, 2h, 3d (at most 7d)");
        customText.setAccessibleText("Custom snooze duration");
        customText.disableProperty().bind(custom.selectedProperty().not());
        Label problem = new Label();
        problem.setId("snooze-problem");
        problem.getStyleClass().add("field-error");
        problem.setWrapText(true);
        dialog.getDialogPane().setContent(new VBox(8, explain, presets, customText, problem));
        ButtonType snooze = new ButtonType("Snooze", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(snooze, ButtonType.CANCEL);
        Supplier<Duration> chosen = () -> custom.isSelected()
                ? customSnooze(customText.getText()) : (Duration) choices.getSelectedToggle().getUserData();
        ((Button) dialog.getDialogPane().lookupButton(snooze)).addEventFilter(ActionEvent.ACTION, e -> {
            try {
                chosen.get();
            } catch (IllegalArgumentException invalid) {
                problem.setText(invalid.getMessage());
                problem.setGraphic(new FontIcon(Material2AL.ERROR_OUTLINE));
                e.consume(); // stays open so the operator can fix it
            }
        });
        // Enter snoozes from the choices and the text field: a focused radio button would otherwise keep it to
        // itself. On a focused button (Cancel) Enter stays that button's.
        dialog.getDialogPane().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER
                    && !(dialog.getDialogPane().getScene().getFocusOwner() instanceof Button)) {
                ((Button) dialog.getDialogPane().lookupButton(snooze)).fire();
                e.consume();
            }
        });
        dialog.setResultConverter(button -> button == snooze ? chosen.get() : null);
        dialog.setOnShown(e -> presets.getChildren().get(0).requestFocus());
        return dialog.showAndWait();
    }

    /** A custom snooze as typed: a duration PagerDuty accepts, or an exception that says what is wrong. */
    static Duration customSnooze(String text) {
        Duration duration;
        try {
            duration = DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Custom duration: " + e.getMessage());
        }
        if (duration.toSeconds() < 1 || duration.compareTo(IncidentsBackend.MAX_SNOOZE) > 0) {
            throw new IllegalArgumentException("Custom duration: PagerDuty snoozes for 1 second to 7 days");
        }
        return Duration.ofSeconds(duration.toSeconds());
    }

    /** @return the note, or empty when cancelled or left blank */
    Optional<String> note(IncidentSummary incident) {
        Dialog<String> dialog = dialog("Add a note");
        dialog.getDialogPane().setId("note-dialog");
        dialog.setHeaderText("Add a note to " + IncidentText.name(incident));
        TextArea note = new TextArea();
        note.setId("note-text");
        note.setPromptText("What you found or did; it goes on the incident's timeline on PagerDuty");
        note.setAccessibleText("Note");
        note.setWrapText(true);
        note.setPrefRowCount(5);
        note.setTextFormatter(new TextFormatter<String>(change ->
                change.getControlNewText().length() <= IncidentsBackend.MAX_NOTE_CHARS ? change : null));
        Label label = new Label("Note (Ctrl+Enter adds it)");
        label.setLabelFor(note);
        dialog.getDialogPane().setContent(new VBox(8, label, note));
        ButtonType add = new ButtonType("Add note", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(add, ButtonType.CANCEL);
        Button addButton = (Button) dialog.getDialogPane().lookupButton(add);
        addButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> note.getText().isBlank(), note.textProperty()));
        note.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown() && !addButton.isDisabled()) {
                addButton.fire();
                e.consume();
            }
        });
        dialog.setResultConverter(button -> button == add ? note.getText().strip() : null);
        dialog.setOnShown(e -> note.requestFocus());
        return dialog.showAndWait().filter(text -> !text.isBlank());
    }

    private <T> Dialog<T> dialog(String title) {
        Dialog<T> dialog = new Dialog<>();
        dialog.setTitle(title);
        Window window = owner.getScene() == null ? null : owner.getScene().getWindow();
        if (window != null) {
            dialog.initOwner(window);
        }
        dialog.getDialogPane().setPrefWidth(460);
        return dialog;
    }
}
