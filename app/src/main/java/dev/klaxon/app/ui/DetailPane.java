package dev.klaxon.app.ui;

import dev.klaxon.stats.TailEntry;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * One message in full: decision and reason on top, then subject, time, headers and the body (pretty-printed when
 * it is JSON) as read-only, selectable monospace text. Message content only ever lands in a Label or a TextArea,
 * so it is shown as inert text whatever it contains.
 */
public final class DetailPane {
    private final MessageFormatter formatter = new MessageFormatter();
    private final Label decision = new Label();
    private final Label reason = new Label();
    private final Label mode = new Label();
    private final HBox header = new HBox(10, decision, reason);
    private final TextArea text = new TextArea();
    private final Label placeholder = new Label("Select a message in the live tail to see its pretty-printed "
            + "body, headers and the decision with its reason.");
    private final VBox content = new VBox(8, header, text);
    private final StackPane root = new StackPane(content, placeholder);
    private TailEntry shown;

    public DetailPane() {
        text.setId("message-detail");
        text.setEditable(false);
        text.setAccessibleText("The selected message in full: decision, reason, headers and body");
        text.setWrapText(false);
        text.getStyleClass().add("detail-text");
        VBox.setVgrow(text, Priority.ALWAYS);
        decision.getStyleClass().add("decision-badge");
        decision.setMinWidth(Label.USE_PREF_SIZE);
        reason.setId("message-reason");
        reason.getStyleClass().add("decision-reason");
        reason.setWrapText(true);
        header.getStyleClass().add("detail-header");
        mode.setId("detail-mode");
        mode.getStyleClass().add("section-hint");
        mode.setMinWidth(Label.USE_PREF_SIZE);
        placeholder.getStyleClass().add("placeholder-text");
        placeholder.setWrapText(true);
        placeholder.setMaxWidth(420);
        show(null);
    }

    public Node node() {
        return root;
    }

    /** Says whether the pane follows the newest message or holds a picked one; sits in the section header. */
    public Node modeLabel() {
        return mode;
    }

    public TailEntry shown() {
        return shown;
    }

    /** Shows the message the operator picked (or the hint when null). */
    public void show(TailEntry entry) {
        show(entry, false);
    }

    /**
     * Shows a message, or the hint when null. Formatting is bounded (see {@link MessageFormatter}).
     *
     * @param following true when this is just the newest message (nothing picked), so it will move on by itself
     */
    public void show(TailEntry entry, boolean following) {
        shown = entry;
        mode.setText(entry == null ? "" : following ? "following the newest · click a message to hold it"
                : "held · Esc in the tail follows the newest again");
        content.setVisible(entry != null);
        placeholder.setVisible(entry == null);
        if (entry == null) {
            text.clear();
            return;
        }
        OutcomeBadge.show(decision, entry.outcome(), entry.outcome() == null ? "—" : entry.outcome().label());
        reason.setText(entry.reason() == null ? "" : Formats.oneLine(entry.reason(), 400));
        text.setText(formatter.describe(entry));
        text.positionCaret(0);
        text.setScrollTop(0);
    }
}
