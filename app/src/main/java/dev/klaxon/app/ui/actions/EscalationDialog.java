package dev.klaxon.app.ui.actions;

import dev.klaxon.app.backend.ActionsBackend;
import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.app.ui.common.FxThread;
import dev.klaxon.app.ui.common.StatusLine;
import dev.klaxon.message.Severity;
import dev.klaxon.route.RenderedEvent;
import dev.klaxon.secret.SecretRef;
import dev.klaxon.stats.TailEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * Forces one message to PagerDuty by hand: the routing key (the page routes' references, masked) and the severity
 * are chosen, and the exact Events v2 body the engine would send is shown first and re-rendered on every change.
 * Rendering and sending are the backend's; the dialog closes once the outbox holds the event.
 * Send is never the default button: a page goes out on a deliberate click, not on a stray Enter. FX thread only.
 */
public final class EscalationDialog {
    private final ActionsBackend actions;
    private final Node owner;

    public EscalationDialog(ActionsBackend actions, Node owner) {
        this.actions = actions;
        this.owner = owner;
    }

    /**
     * @param message  the tail message to escalate
     * @param severity what the severity chooser starts on (the message's own, else critical)
     * @param onSent   told, on the FX thread, what was queued once the outbox committed it
     */
    public void open(TailEntry message, Severity severity, Consumer<String> onSent) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.setTitle("Escalate to PagerDuty");
        Window window = owner.getScene() == null ? null : owner.getScene().getWindow();
        if (window != null) {
            dialog.initOwner(window);
        }
        dialog.getDialogPane().setId("escalate-message-dialog");
        dialog.getDialogPane().setPrefWidth(680);
        dialog.setHeaderText("Send this message from " + Formats.oneLine(message.subject(), 120)
                + " to PagerDuty now, past routes, silences, dedup and flood state?");

        List<SecretRef> keys = actions.pageRoutingKeys();
        ComboBox<SecretRef> routingKey = new ComboBox<>();
        routingKey.setId("escalate-routing-key");
        routingKey.getItems().setAll(keys);
        routingKey.setConverter(new StringConverter<>() {
            @Override
            public String toString(SecretRef ref) {
                return ref == null ? "" : ref.masked();
            }

            @Override
            public SecretRef fromString(String text) {
                return null;
            }
        });
        routingKey.setAccessibleText("Routing key of a page route");
        routingKey.setMaxWidth(Double.MAX_VALUE);
        if (!keys.isEmpty()) {
            routingKey.getSelectionModel().select(0);
        }
        ComboBox<Severity> severities = new ComboBox<>();
        severities.setId("escalate-severity");
        severities.getItems().setAll(Severity.values());
        severities.setConverter(new StringConverter<>() {
            @Override
            public String toString(Severity value) {
                return value == null ? "" : value.wire();
            }

            @Override
            public Severity fromString(String text) {
                return Severity.parse(text).orElse(null);
            }
        });
        severities.setAccessibleText("Severity of the event");
        severities.getSelectionModel().select(severity);

        TextArea preview = new TextArea();
        preview.setId("escalate-preview");
        preview.setEditable(false);
        preview.getStyleClass().add("detail-text");
        preview.setPrefRowCount(16);
        preview.setAccessibleText("The exact event body that will be sent, routing key masked");
        Label adjustments = new Label();
        adjustments.setId("escalate-adjustments");
        adjustments.setWrapText(true);
        adjustments.getStyleClass().add("section-hint");
        Label status = new Label();
        status.setId("escalate-status");
        status.setWrapText(true);
        status.getStyleClass().add("incident-progress");

        GridPane choices = new GridPane();
        choices.setHgap(10);
        choices.setVgap(6);
        choices.addRow(0, label("Routing key", routingKey), routingKey);
        choices.addRow(1, label("Severity", severities), severities);
        GridPane.setHgrow(routingKey, Priority.ALWAYS);
        VBox content = new VBox(8, choices, label("Event body (Events API v2, exactly as it will be sent)", preview),
                preview, adjustments, status);
        VBox.setVgrow(preview, Priority.ALWAYS);
        dialog.getDialogPane().setContent(content);

        ButtonType sendType = new ButtonType("Send to PagerDuty", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(sendType, ButtonType.CANCEL);
        Button send = (Button) dialog.getDialogPane().lookupButton(sendType);
        send.setId("escalate-send");
        send.setDefaultButton(false);
        send.setGraphic(new FontIcon(Material2MZ.SEND));
        send.setDisable(true);
        dialog.setResultConverter(button -> null);

        byte[] body = message.body() == null ? new byte[0] : message.body().getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> headers = message.headers() == null ? Map.of() : message.headers();
        Preview current = new Preview();
        Runnable render = () -> {
            SecretRef key = routingKey.getValue();
            Severity chosen = severities.getValue();
            send.setDisable(true);
            if (message.truncated()) {
                StatusLine.show(status, "This message is only kept in part (" + Formats.count(
                        message.bodyBytes()) + " bytes received): escalating it would send a cut body. "
                        + "Escalate it from its source instead.", true);
                return;
            }
            if (key == null) {
                StatusLine.show(status, "No page route has a routing key, so there is nowhere to send "
                        + "it. Add a page route with routing_key_env or routing_key_file.", true);
                return;
            }
            long asked = ++current.generation;
            StatusLine.show(status, "Rendering…", false);
            FxThread.whenDone(actions.previewEscalation(message.subject(), body,
                    headers, key, chosen), (event, failure) -> {
                if (asked != current.generation) {
                    return; // the operator changed a choice meanwhile; a newer render is on its way
                }
                if (failure != null) {
                    preview.clear();
                    adjustments.setText("");
                    StatusLine.show(status, "Cannot escalate: " + FxThread.message(failure), true);
                    return;
                }
                show(event, preview, adjustments);
                status.setText("");
                status.setGraphic(null);
                send.setDisable(false);
            });
        };
        routingKey.valueProperty().addListener((obs, old, next) -> render.run());
        severities.valueProperty().addListener((obs, old, next) -> render.run());

        send.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume(); // the dialog closes only once the outbox has the event
            SecretRef key = routingKey.getValue();
            Severity chosen = severities.getValue();
            send.setDisable(true);
            routingKey.setDisable(true);
            severities.setDisable(true);
            StatusLine.show(status, "Sending to the outbox…", false);
            FxThread.whenDone(actions.escalate(message.subject(), body, headers, key,
                    chosen), (id, failure) -> {
                if (failure != null) {
                    send.setDisable(false);
                    routingKey.setDisable(false);
                    severities.setDisable(false);
                    StatusLine.show(status, "Not escalated: " + FxThread.message(failure), true);
                    return;
                }
                dialog.close();
                onSent.accept("Escalated " + Formats.oneLine(message.subject(), 120) + " as " + chosen.wire()
                        + " to " + key.masked() + ": outbox event " + id + ", going out now (audited as escalate).");
            });
        });
        dialog.setOnShown(e -> severities.requestFocus());
        render.run();
        dialog.show();
    }

    private static void show(RenderedEvent event, TextArea preview, Label adjustments) {
        preview.setText(event.body().toPrettyString());
        preview.positionCaret(0);
        adjustments.setText(event.adjustments().isEmpty() ? "Sent as rendered: no adjustments."
                : "Adjusted: " + String.join("; ", event.adjustments().stream()
                        .map(a -> Formats.oneLine(a, 200)).toList()));
    }

    private static Label label(String text, Node field) {
        Label label = new Label(text);
        label.setLabelFor(field);
        label.getStyleClass().add("field-label");
        return label;
    }

    /** Which render is the newest, so a slow old one never overwrites it. */
    private static final class Preview {
        private long generation;
    }
}
