package dev.klaxon.app.ui.actions;

import atlantafx.base.theme.Styles;
import dev.klaxon.app.backend.ActionsBackend;
import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.app.ui.common.FxThread;
import dev.klaxon.app.ui.common.StatusLine;
import dev.klaxon.config.DurationText;
import dev.klaxon.guard.Silence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * Asks how to silence: the subject pattern (pre-filled, editable), payload matchers offered from the message as
 * toggles plus free ones, a duration (15m / 1h / 4h / custom) and a required reason. Mistakes are named by field in
 * the dialog; the silence is added by the backend and the dialog closes only once the engine
 * has it, or says why it could not. FX thread only.
 */
public final class SilenceDialog {
    private final ActionsBackend actions;
    private final Node owner;

    public SilenceDialog(ActionsBackend actions, Node owner) {
        this.actions = actions;
        this.owner = owner;
    }

    /**
     * @param pattern     what the pattern field starts with (the subject)
     * @param suggestions matchers offered as toggles, off at first, e.g. {@code severity=warning}
     * @param onSilenced  told, on the FX thread, once the engine holds the new silence
     */
    public void open(String pattern, List<String> suggestions, Consumer<Silence> onSilenced) {
        Dialog<Silence> dialog = new Dialog<>();
        dialog.setTitle("Silence");
        Window window = owner.getScene() == null ? null : owner.getScene().getWindow();
        if (window != null) {
            dialog.initOwner(window);
        }
        dialog.getDialogPane().setId("silence-dialog");
        dialog.getDialogPane().setPrefWidth(560);
        dialog.setHeaderText("Silence triggers on " + Formats.oneLine(pattern, 120));

        Map<SilenceForm.Field, Label> errors = new EnumMap<>(SilenceForm.Field.class);
        for (SilenceForm.Field field : SilenceForm.Field.values()) {
            Label error = new Label(null, new FontIcon(Material2AL.ERROR_OUTLINE));
            error.setId("silence-error-" + field.name().toLowerCase(java.util.Locale.ROOT));
            error.getStyleClass().add("field-error");
            error.setWrapText(true);
            error.setVisible(false);
            error.setManaged(false);
            errors.put(field, error);
        }

        TextField patternField = new TextField(pattern);
        patternField.setId("silence-pattern");
        patternField.setAccessibleText("Subject pattern");
        patternField.setTooltip(new Tooltip("NATS wildcards: * is one token, > the rest, e.g. alerts.prod.db.>"));

        List<CheckBox> offered = new ArrayList<>();
        for (String suggestion : suggestions) {
            CheckBox box = new CheckBox("only " + Formats.oneLine(suggestion, 140));
            box.setId("silence-match-" + offered.size());
            box.setUserData(suggestion);
            box.setMnemonicParsing(false); // message text: an underscore is a character, not a shortcut
            offered.add(box);
        }
        TextArea moreMatchers = new TextArea();
        moreMatchers.setId("silence-matchers");
        moreMatchers.setPrefRowCount(2);
        moreMatchers.setPromptText("One per line, e.g. severity=warning or source=~db-.*");
        moreMatchers.setTooltip(new Tooltip("field=value (equal) or field=~regex (the whole value matches). "
                + "Fields: severity, source, component, group, class, summary, dedup_key, custom_details.PATH"));
        moreMatchers.setAccessibleText("More payload matchers, one per line");

        ToggleGroup durations = new ToggleGroup();
        HBox durationRow = new HBox();
        durationRow.setAlignment(Pos.CENTER_LEFT);
        for (Duration preset : SilenceForm.PRESETS) {
            ToggleButton button = new ToggleButton(DurationText.format(preset));
            button.setId("silence-for-" + DurationText.format(preset));
            button.setUserData(preset);
            button.setToggleGroup(durations);
            durationRow.getChildren().add(button);
        }
        ToggleButton custom = new ToggleButton("Custom");
        custom.setId("silence-for-custom");
        custom.setToggleGroup(durations);
        durationRow.getChildren().add(custom);
        for (int i = 0; i < durationRow.getChildren().size(); i++) {
            durationRow.getChildren().get(i).getStyleClass().add(i == 0 ? Styles.LEFT_PILL
                    : i == durationRow.getChildren().size() - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
        }
        durations.selectToggle(durations.getToggles().get(1)); // 1h: long enough for most work, short enough to end
        durations.selectedToggleProperty().addListener((obs, old, next) -> {
            if (next == null) {
                old.setSelected(true); // always one duration
            }
        });
        TextField customField = new TextField();
        customField.setId("silence-custom-duration");
        customField.setPromptText("e.g. 30m, 2h, 1d");
        customField.setAccessibleText("Custom duration");
        customField.setPrefColumnCount(8);
        customField.disableProperty().bind(custom.selectedProperty().not());
        custom.selectedProperty().addListener((obs, was, is) -> {
            if (is) {
                customField.requestFocus();
            }
        });
        durationRow.getChildren().add(customField);
        HBox.setMargin(customField, new javafx.geometry.Insets(0, 0, 0, 10));

        TextField reason = new TextField();
        reason.setId("silence-reason");
        reason.setPromptText("Why (required), e.g. failover drill, ticket OPS-123");
        reason.setAccessibleText("Reason for the silence, required");

        Label status = new Label();
        status.setId("silence-status");
        status.setWrapText(true);
        status.getStyleClass().add("incident-progress");

        VBox content = new VBox(6,
                fieldLabel("Subject pattern (* one token, > the rest)", patternField), patternField, errors.get(SilenceForm.Field.PATTERN),
                fieldLabel("Only triggers matching all of (optional)", moreMatchers));
        content.getChildren().addAll(offered);
        content.getChildren().addAll(moreMatchers, errors.get(SilenceForm.Field.MATCHERS),
                fieldLabel("For", durationRow), durationRow, errors.get(SilenceForm.Field.DURATION),
                fieldLabel("Reason", reason), reason, errors.get(SilenceForm.Field.REASON), status);
        dialog.getDialogPane().setContent(content);

        ButtonType silence = new ButtonType("Silence", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(silence, ButtonType.CANCEL);
        Button submit = (Button) dialog.getDialogPane().lookupButton(silence);
        submit.setId("silence-submit");
        submit.setGraphic(new FontIcon(Material2MZ.NOTIFICATIONS_OFF));
        dialog.setResultConverter(button -> null);
        submit.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume(); // the dialog closes only once the engine has the silence
            List<String> matchers = new ArrayList<>();
            offered.stream().filter(CheckBox::isSelected).forEach(box -> matchers.add((String) box.getUserData()));
            matchers.addAll(List.of(moreMatchers.getText().split("\\R")));
            Duration preset = durations.getSelectedToggle() == custom ? null
                    : (Duration) durations.getSelectedToggle().getUserData();
            SilenceForm.Checked checked = new SilenceForm(patternField.getText(), matchers, preset,
                    customField.getText(), reason.getText()).check();
            errors.forEach((field, label) -> {
                String problem = checked.errors().get(field);
                label.setText(problem == null ? null : field.label() + ": " + Formats.oneLine(problem, 300));
                label.setVisible(problem != null);
                label.setManaged(problem != null);
            });
            if (!checked.ok()) {
                StatusLine.show(status, "Not silenced: fix the " + (checked.errors().size() == 1 ? "field" : "fields")
                        + " marked above.", true);
                return;
            }
            submit.setDisable(true);
            StatusLine.show(status, "Silencing…", false);
            FxThread.whenDone(actions.addSilence(checked.request()), (added, failure) -> {
                if (failure != null) {
                    submit.setDisable(false);
                    StatusLine.show(status, "Not silenced: " + FxThread.message(failure), true);
                    return;
                }
                dialog.setResult(added);
                dialog.close();
                onSilenced.accept(added);
            });
        });
        dialog.setOnShown(e -> reason.requestFocus());
        dialog.show();
    }

    private static Label fieldLabel(String text, Node field) {
        Label label = new Label(text);
        label.setLabelFor(field);
        label.getStyleClass().add("field-label");
        label.setWrapText(true);
        return label;
    }

}
