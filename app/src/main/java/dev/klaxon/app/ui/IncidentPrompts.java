package dev.klaxon.app.ui;

import dev.klaxon.pagerduty.rest.IncidentSummary;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The questions an incident action asks before it runs: a resolution note (and, for several incidents, an explicit
 * confirmation) and the escalation level. FX thread only.
 */
final class IncidentPrompts {
    /** Levels offered; PagerDuty refuses a level the policy does not have, and the console shows that refusal. */
    static final int MAX_LEVEL = 10;

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

    /** @return the level to escalate to, or empty when cancelled */
    Optional<Integer> escalationLevel(IncidentSummary incident) {
        Dialog<Integer> dialog = dialog("Escalate incident");
        dialog.getDialogPane().setId("escalate-dialog");
        dialog.setHeaderText("Escalate " + IncidentText.name(incident) + "?");
        Spinner<Integer> level = new Spinner<>(1, MAX_LEVEL, 2);
        level.setId("escalation-level");
        level.setEditable(true);
        level.setAccessibleText("Escalation level");
        Label label = new Label("Escalation level (1 is the policy's first). PagerDuty notifies whoever is on call "
                + "at that level.");
        label.setWrapText(true);
        label.setLabelFor(level);
        dialog.getDialogPane().setContent(new VBox(8, label, level));
        ButtonType escalate = new ButtonType("Escalate", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(escalate, ButtonType.CANCEL);
        dialog.setResultConverter(button -> button == escalate ? level.getValue() : null);
        dialog.setOnShown(e -> level.requestFocus());
        return dialog.showAndWait();
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
