package dev.klaxon.app.ui.live;

import atlantafx.base.theme.Styles;
import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.app.ui.common.MessageFormatter;
import dev.klaxon.app.ui.common.OutcomeBadge;
import dev.klaxon.stats.TailEntry;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * One message in full: decision and reason on top, then subject, time, the routes that matched, headers and the body
 * (pretty-printed when it is JSON) as read-only, selectable monospace text, with a search (Ctrl+F while the message
 * has the keyboard, see {@link #hasFocusWithin}; Enter and Shift+Enter step through the matches) and actions on the message: silence messages
 * like it, escalate it by hand, copy it as a {@code nats pub} command. Message content only ever lands in a Label
 * or a TextArea, after {@link SafeText}, so it is shown as inert, bounded text whatever it contains.
 */
public final class DetailPane {
    private final MessageFormatter formatter = new MessageFormatter();
    private final Label decision = new Label();
    private final Label reason = new Label();
    private final Label mode = new Label();
    private final Button unpin = button("detail-unpin", "Unpin", Material2MZ.PUSH_PIN,
            "Unpin this message: the detail follows the newest again (also Esc in the tail)");
    private final HBox modeBox = new HBox(8, mode, unpin);
    private final HBox header = new HBox(10, decision, reason);
    private final TextArea text = new TextArea();
    private final TextField search = new TextField();
    private final Label matchCount = new Label();
    private final Label status = new Label();
    private final Button silence = button("detail-silence", "Silence like this", Material2MZ.NOTIFICATIONS_OFF,
            "Silence messages like this one: pattern, matchers, duration and reason (also S in the tail)");
    private final Button escalate = button("detail-escalate", "Escalate", Material2MZ.SEND,
            "Send this message to PagerDuty by hand, whatever the rules decided (also E in the tail)");
    private final Button older = button("detail-older", "Older", Material2AL.HISTORY,
            "Show the message of this subject stored just before this one: from the tail, else read back from the "
                    + "team's stream");
    private final Button copy = button("detail-copy-nats", "Copy as nats pub", Material2AL.CONTENT_COPY,
            "Copy a shell command that publishes this message again: nats pub SUBJECT 'BODY' with -H headers");
    private final Label placeholder = new Label("Select a message in the live tail to see its pretty-printed "
            + "body, headers and the decision with its reason.");
    private final VBox content;
    private final StackPane root;
    private TailEntry shown;
    private List<Integer> matches = List.of();
    private int current = -1;
    private Consumer<TailEntry> onSilence = entry -> { };
    private Consumer<TailEntry> onEscalate = entry -> { };
    private Consumer<String> clipboard = DetailPane::toSystemClipboard;

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
        // Gives way on a narrow pane (the tooltip keeps it whole); Unpin beside it never does.
        mode.setMinWidth(40);
        Tooltip modeTip = new Tooltip();
        modeTip.textProperty().bind(mode.textProperty());
        mode.setTooltip(modeTip);
        modeBox.setAlignment(Pos.CENTER_LEFT);
        unpin.getStyleClass().add(Styles.FLAT);
        status.setId("detail-status");
        status.getStyleClass().add("section-hint");
        status.setWrapText(true);
        status.setManaged(false);
        status.setVisible(false);
        placeholder.getStyleClass().add("placeholder-text");
        placeholder.setWrapText(true);
        placeholder.setMaxWidth(420);
        content = new VBox(8, header, toolbar(), status, text);
        root = new StackPane(content, placeholder);
        silence.setOnAction(e -> act(onSilence));
        escalate.setOnAction(e -> act(onEscalate));
        copy.setOnAction(e -> copyAsNatsPub());
        show(null);
    }

    public Node node() {
        return root;
    }

    /**
     * Says whether the pane follows the newest message or shows a pinned one, with Unpin while pinned; sits in the
     * section header.
     */
    public Node modeLabel() {
        return modeBox;
    }

    /** Team mode keeps history: "Older" steps back through it with {@code action}, given the shown message. */
    public void onOlder(Consumer<TailEntry> action) {
        older.setVisible(true);
        older.setManaged(true);
        older.setOnAction(e -> {
            if (shown != null) {
                action.accept(shown);
            }
        });
    }

    /** What Unpin does (the live view lets go of the pick, as Esc in the tail does). */
    public void onUnpin(Runnable action) {
        unpin.setOnAction(e -> action.run());
    }

    public TailEntry shown() {
        return shown;
    }

    /** What "Silence like this" and "Escalate" do with the shown message (the live view's own actions). */
    public void onActions(Consumer<TailEntry> silenceLike, Consumer<TailEntry> escalateIt) {
        onSilence = silenceLike;
        onEscalate = escalateIt;
    }

    /** Where "Copy as nats pub" puts the command; the system clipboard unless a test says otherwise. */
    void copyTo(Consumer<String> target) {
        clipboard = target;
    }

    /** True when the keyboard is in this pane, so Ctrl+F searches the message rather than the subjects. */
    public boolean hasFocusWithin(Node focused) {
        for (Node node = focused; node != null; node = node.getParent()) {
            if (node == root) {
                return true;
            }
        }
        return false;
    }

    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
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
        older.setDisable(entry == null || entry.streamSequence() == 0);
        unpin.setVisible(entry != null && !following);
        unpin.setManaged(unpin.isVisible());
        mode.setText(entry == null ? "" : following ? "following the newest · click a message to pin it"
                : "pinned · Esc in the tail unpins it and follows the newest again");
        content.setVisible(entry != null);
        placeholder.setVisible(entry == null);
        showStatus(null, null);
        if (entry == null) {
            text.clear();
            findMatches();
            return;
        }
        OutcomeBadge.show(decision, entry.outcome(), entry.outcome() == null ? "—" : entry.outcome().label());
        reason.setText(entry.reason() == null ? "" : Formats.oneLine(entry.reason(), 400));
        text.setText(formatter.describe(entry));
        text.positionCaret(0);
        text.setScrollTop(0);
        findMatches();
    }

    private Node toolbar() {
        search.setId("detail-search");
        search.setPromptText("Find in message (Ctrl+F)");
        search.setAccessibleText("Find in message");
        search.setTooltip(new Tooltip("Find in this message: Enter for the next match, Shift+Enter for the previous, "
                + "Esc to go back to the text"));
        search.setPrefColumnCount(14);
        search.textProperty().addListener((obs, old, next) -> findMatches());
        search.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ENTER) {
                step(event.isShiftDown() ? -1 : 1);
                event.consume();
            } else if (event.getCode() == KeyCode.ESCAPE) {
                text.requestFocus();
                event.consume();
            }
        });
        matchCount.setId("detail-matches");
        matchCount.getStyleClass().add("section-hint");
        matchCount.setMinWidth(Region.USE_PREF_SIZE);
        HBox find = new HBox(6, new FontIcon(Material2MZ.SEARCH), search, matchCount);
        find.setAlignment(Pos.CENTER_LEFT);
        // Wraps on a narrow pane rather than cutting a button's label.
        older.setVisible(false);
        older.setManaged(false);
        FlowPane bar = new FlowPane(12, 6, find, silence, escalate, older, copy);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("detail-toolbar");
        return bar;
    }

    private void findMatches() {
        matches = TextSearch.matches(text.getText(), search.getText());
        current = -1;
        if (search.getText().isEmpty()) {
            matchCount.setText("");
            return;
        }
        if (matches.isEmpty()) {
            matchCount.setText("no match");
            text.deselect();
            return;
        }
        step(1);
    }

    /** Selects the next (or previous) match, which shows it highlighted and scrolls it into view. */
    private void step(int direction) {
        if (matches.isEmpty()) {
            return;
        }
        current = Math.floorMod(current + direction, matches.size());
        int at = matches.get(current);
        text.selectRange(at, at + search.getText().length());
        matchCount.setText((current + 1) + " of " + Formats.count(matches.size())
                + (matches.size() >= TextSearch.MAX_MATCHES ? "+" : ""));
    }

    private void act(Consumer<TailEntry> action) {
        if (shown != null) {
            action.accept(shown);
        }
    }

    private void copyAsNatsPub() {
        if (shown == null) {
            return;
        }
        try {
            clipboard.accept(NatsPubCommand.of(shown.subject(), shown.body(), shown.headers()));
            showStatus(shown.truncated() ? "Copied, but the tail kept only the first " + Formats.count(
                    shown.body().length()) + " characters of " + Formats.count(shown.bodyBytes())
                    + " bytes: the command publishes that part only" : "Copied the nats pub command",
                    shown.truncated() ? Material2AL.INFO : Material2AL.CHECK_CIRCLE_OUTLINE);
        } catch (IllegalArgumentException e) {
            showStatus("Cannot copy as a command: " + e.getMessage(), Material2AL.ERROR_OUTLINE);
        }
    }

    private void showStatus(String message, Ikon icon) {
        status.setText(message);
        status.setGraphic(icon == null ? null : new FontIcon(icon));
        status.setVisible(message != null);
        status.setManaged(message != null);
    }

    private static void toSystemClipboard(String command) {
        ClipboardContent content = new ClipboardContent();
        content.putString(command);
        Clipboard.getSystemClipboard().setContent(content);
    }

    private static Button button(String id, String label, Ikon icon, String tip) {
        Button button = new Button(label, new FontIcon(icon));
        button.setId(id);
        button.getStyleClass().add(Styles.SMALL);
        button.setTooltip(new Tooltip(tip));
        button.setAccessibleText(tip);
        button.setMinWidth(Region.USE_PREF_SIZE);
        button.setFocusTraversable(false);
        return button;
    }
}
