package dev.klaxon.app.ui.rules;

import dev.klaxon.app.backend.RulesBackend;
import dev.klaxon.app.ui.common.FxThread;
import dev.klaxon.app.ui.common.Sections;
import dev.klaxon.app.ui.common.StatusLine;
import dev.klaxon.config.DurationText;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * "Try on history": a candidate config's rules over the team's stream history, next to the running ones, as
 * {@code rules replay} shows them. The replay runs on a thread of its own; this pane only reads a counter a few
 * times a second for its progress, so the console stays responsive however long the history.
 */
final class HistoryTrial {
    private static final javafx.util.Duration PROGRESS_PERIOD = javafx.util.Duration.millis(100);

    private final RulesBackend rules;
    private final TextField candidate = new TextField();
    private final TextField since = new TextField("24h");
    private final Button tryButton = new Button("Try on history", new FontIcon(Material2AL.HISTORY));
    private final Button cancelButton = new Button("Cancel", new FontIcon(Material2MZ.STOP));
    private final Label status = new Label();
    private final TextArea result = new TextArea();
    private final AtomicLong replayed = new AtomicLong();
    private final Timeline progress;
    private final VBox root;
    private AtomicBoolean cancelled;

    HistoryTrial(RulesBackend rules) {
        this.rules = rules;
        candidate.setId("history-candidate");
        candidate.setPromptText("Candidate config file, e.g. /home/me/klaxon-new.yaml");
        candidate.setTooltip(new Tooltip("The config whose routes and guards to try; the running config is the "
                + "baseline"));
        HBox.setHgrow(candidate, Priority.ALWAYS);
        Button browse = new Button("Browse…", new FontIcon(Material2AL.FOLDER_OPEN));
        browse.setId("history-browse");
        browse.setOnAction(e -> choose(browse));
        since.setId("history-since");
        since.setPrefColumnCount(5);
        since.setTooltip(new Tooltip("How far back: a duration such as 30m, 24h, 7d (the stream keeps max_age)"));
        tryButton.setId("history-try");
        tryButton.setTooltip(new Tooltip("Replay the stream's history through both configs; nothing is sent"));
        tryButton.setOnAction(e -> start());
        cancelButton.setId("history-cancel");
        cancelButton.setDisable(true);
        cancelButton.setOnAction(e -> cancel());
        status.setId("history-status");
        status.setWrapText(true);
        status.getStyleClass().add("incident-progress");
        result.setId("history-result");
        result.setEditable(false);
        result.setWrapText(false);
        result.getStyleClass().add("detail-text");
        result.setPromptText("Pages the candidate would add, remove or change, per route and per subject, next to "
                + "the running rules, appear here.");
        result.setAccessibleText("Replay result: outcomes side by side and the pages that would change");
        VBox.setVgrow(result, Priority.ALWAYS);

        HBox fields = new HBox(8, new Label("Candidate"), candidate, browse, new Label("since"), since, tryButton,
                cancelButton);
        fields.setAlignment(Pos.CENTER_LEFT);
        HBox top = Sections.header(List.of(Sections.title("Try on history", Material2AL.HISTORY),
                Sections.hint("team mode · reads the stream, never sends or acknowledges")), status);
        VBox form = new VBox(8, fields, result);
        form.setStyle("-fx-padding: 6 10 10 10;");
        VBox.setVgrow(form, Priority.ALWAYS);
        root = new VBox(top, form);
        progress = new Timeline(new KeyFrame(PROGRESS_PERIOD, e -> showProgress()));
        progress.setCycleCount(Animation.INDEFINITE);
    }

    Node node() {
        return root;
    }

    private void choose(Node owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Candidate config");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("YAML", "*.yaml", "*.yml"));
        File chosen = chooser.showOpenDialog(owner.getScene().getWindow());
        if (chosen != null) {
            candidate.setText(chosen.getPath());
        }
    }

    void start() {
        if (cancelled != null) {
            return; // one replay at a time
        }
        Duration window;
        try {
            window = DurationText.parse(since.getText().strip());
        } catch (IllegalArgumentException e) {
            StatusLine.show(status, "since: " + e.getMessage(), true);
            return;
        }
        if (candidate.getText().isBlank()) {
            StatusLine.show(status, "Name the candidate config file first.", true);
            return;
        }
        AtomicBoolean stop = new AtomicBoolean();
        cancelled = stop;
        replayed.set(0);
        tryButton.setDisable(true);
        cancelButton.setDisable(false);
        StatusLine.show(status, "Replaying…", false);
        progress.play();
        FxThread.whenDone(rules.tryOnHistory(Path.of(candidate.getText().strip()), window, replayed::set, stop::get),
                (lines, failure) -> finished(lines, failure));
    }

    void cancel() {
        AtomicBoolean stop = cancelled;
        if (stop != null) {
            stop.set(true);
            StatusLine.show(status, "Cancelling…", false);
        }
    }

    private void showProgress() {
        StatusLine.show(status, String.format("Replaying… %,d message(s)", replayed.get()), false);
    }

    private void finished(List<String> lines, Throwable failure) {
        progress.stop();
        cancelled = null;
        tryButton.setDisable(false);
        cancelButton.setDisable(true);
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof CancellationException) {
            StatusLine.show(status, String.format("Cancelled after %,d message(s); nothing was sent",
                    replayed.get()), false);
        } else if (failure != null) {
            StatusLine.show(status, "Not done: " + FxThread.message(failure), true);
        } else {
            result.setText(String.join("\n", lines));
            StatusLine.show(status, lines.stream().filter(line -> line.startsWith("pages: ")).findFirst()
                    .orElse("Done") + String.format(" over %,d message(s)", replayed.get()), false);
        }
    }
}
