package dev.klaxon.app.ui.deadletters;

import atlantafx.base.theme.Styles;
import dev.klaxon.app.backend.DeadLettersBackend;
import dev.klaxon.app.ui.command.ConsoleCommand;
import dev.klaxon.app.ui.command.ConsoleCommands;
import dev.klaxon.app.ui.command.KeyTrigger;
import dev.klaxon.app.ui.common.ConsoleView;
import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.app.ui.common.FxThread;
import dev.klaxon.app.ui.common.MessageFormatter;
import dev.klaxon.app.ui.common.RefreshWhileShown;
import dev.klaxon.app.ui.common.Sections;
import dev.klaxon.app.ui.common.StatusLine;
import dev.klaxon.app.ui.common.ViewInfo;
import dev.klaxon.outbox.EventRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * Events PagerDuty refused for good (HTTP 4xx), with what PagerDuty said, and a way to send them again once the cause
 * is fixed (a routing key, a template). The outbox is SQLite: reads and re-sends run on this view's own thread and
 * only their results come back to the FX thread. Refreshes while shown, and right after a re-send.
 */
public final class DeadLetterView implements ConsoleView {
    private static final ViewInfo INFO = new ViewInfo("dead-letters", "Dead letters", Material2AL.ERROR_OUTLINE,
            "Dead letters: events PagerDuty refused for good, with a Resend action");
    /** Dead letters listed at most, newest first. */
    static final int LIMIT = 500;
    private static final Duration REFRESH_PERIOD = Duration.ofSeconds(5);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final DeadLettersBackend deadLetters;
    private final ObservableList<EventRecord> rows = FXCollections.observableArrayList();
    private final TableView<EventRecord> table = new TableView<>(rows);
    private final TextArea detail = new TextArea();
    private final MessageFormatter formatter = new MessageFormatter();
    private final Label count = new Label();
    private final Label status = new Label();
    private final Button resend = new Button("Resend selected", new FontIcon(Material2MZ.SEND));
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final RefreshWhileShown autoRefresh;
    private final VBox root;

    public DeadLetterView(DeadLettersBackend deadLetters) {
        this.deadLetters = deadLetters;
        setUpTable();
        resend.setId("resend-button");
        resend.setTooltip(new Tooltip("Send the selected events to PagerDuty again (Enter). They keep their "
                + "dedup_key, so a resend never duplicates an incident."));
        resend.setAccessibleText("Resend the selected dead letters");
        resend.setFocusTraversable(false);
        resend.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()).or(busy));
        resend.setOnAction(e -> resendSelected());
        resend.getStyleClass().add(Styles.ACCENT);
        status.setId("dead-letter-status");
        status.setWrapText(true);
        status.getStyleClass().add("incident-progress");
        count.setId("dead-letter-shown");
        count.getStyleClass().add("section-hint");
        Label title = Sections.title("Dead letters", Material2AL.ERROR_OUTLINE);
        HBox header = Sections.header(List.of(title, count), Sections.hint("PagerDuty refused these for good (4xx); "
                + "fix the cause, then resend · Enter resends · Ctrl+1 back to live"));
        HBox actions = new HBox(10, resend, status);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.getStyleClass().add("incident-actions");
        detail.setId("dead-letter-detail");
        detail.setEditable(false);
        detail.getStyleClass().add("detail-text");
        detail.setAccessibleText("Selected dead letter in full");
        detail.setPromptText("Select a dead letter to see PagerDuty's whole answer and the body that was sent.");
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, event) -> showDetail(event));
        SplitPane split = new SplitPane(table, detail);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.62);
        split.getStyleClass().add("console-split");
        root = new VBox(header, actions, split);
        VBox.setVgrow(split, Priority.ALWAYS);
        root.getStyleClass().addAll("section", "dead-letter-view");
        autoRefresh = new RefreshWhileShown(REFRESH_PERIOD, this::refresh);
    }

    @Override
    public ViewInfo info() {
        return INFO;
    }

    @Override
    public void focus() {
        table.requestFocus();
    }

    @Override
    public List<TableView<?>> rememberedTables() {
        return List.of(table);
    }

    @Override
    public Node node() {
        return root;
    }

    /** Shown or hidden: reads at once when shown and every few seconds while shown; idle when hidden. */
    @Override
    public void setShown(boolean shown) {
        autoRefresh.setShown(shown);
    }

    @Override
    public void close() {
        autoRefresh.stop();
    }

    void refresh() {
        FxThread.whenDone(deadLetters.list(LIMIT), (letters, failure) -> {
            if (failure != null) {
                showStatus("Cannot read the outbox: " + FxThread.message(failure), true);
            } else {
                show(letters);
            }
        });
    }

    private void show(List<EventRecord> letters) {
        List<Long> selected = table.getSelectionModel().getSelectedItems().stream().map(EventRecord::id).toList();
        rows.setAll(letters);
        for (int i = 0; i < rows.size(); i++) {
            if (selected.contains(rows.get(i).id())) {
                table.getSelectionModel().select(i);
            }
        }
        count.setText(letters.size() >= LIMIT ? "newest " + LIMIT : letters.size() + " shown");
    }

    void resendSelected() {
        List<EventRecord> selected = List.copyOf(table.getSelectionModel().getSelectedItems());
        if (selected.isEmpty() || busy.get()) {
            return;
        }
        busy.set(true);
        showStatus("Resending " + selected.size() + (selected.size() == 1 ? " event…" : " events…"), false);
        List<CompletableFuture<String>> sends = selected.stream().map(event -> deadLetters.resend(event.id())
                .handle((ok, failure) -> failure == null ? null : event.id() + ": " + FxThread.message(failure)))
                .toList();
        CompletableFuture<List<String>> failed = CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .thenApply(all -> sends.stream().map(CompletableFuture::join).filter(Objects::nonNull).toList());
        FxThread.whenDone(failed, (failures, never) -> {
            busy.set(false);
            if (failures.isEmpty()) {
                showStatus("Resent " + selected.size() + (selected.size() == 1 ? " event" : " events")
                        + ": pending again, going out now", false);
            } else {
                showStatus("Could not resend " + String.join("; ", failures), true);
            }
            refresh();
        });
    }

    /** PagerDuty's whole answer and the body sent (routing key masked, as the outbox keeps it). */
    private void showDetail(EventRecord event) {
        if (event == null) {
            detail.clear();
            return;
        }
        detail.setText("subject    " + event.subject() + "\n"
                + "dedup_key  " + event.dedupKey() + "\n"
                + "action     " + event.eventAction() + "\n"
                + "received   " + Formats.timestamp(event.receivedAt()) + "\n"
                + "refused    " + Formats.timestamp(deadAt(event)) + " after " + event.attempts()
                + (event.attempts() == 1 ? " attempt" : " attempts")
                + (event.requeues() > 0 ? ", resent by hand " + event.requeues() + "×" : "") + "\n"
                + "HTTP       " + (event.lastStatus() == null ? "no response" : event.lastStatus()) + "\n"
                + "PagerDuty  " + (event.lastMessage() == null ? "—" : event.lastMessage()) + "\n\n"
                + "body sent (routing key masked)\n" + body(event.bodyJson()));
    }

    private String body(String json) {
        String pretty = formatter.prettyJson(json);
        return pretty != null ? pretty : json == null ? "" : json;
    }

    private void showStatus(String text, boolean failed) {
        StatusLine.show(status, text, failed);
    }

    private void setUpTable() {
        table.setId("dead-letter-table");
        table.getStyleClass().add(Styles.DENSE);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setAccessibleText("Dead letters, newest first; Enter resends the selection");
        Label placeholder = new Label("No dead letters: PagerDuty has accepted everything it was sent, or it is "
                + "still being retried.");
        placeholder.getStyleClass().add("placeholder-text");
        placeholder.setWrapText(true);
        placeholder.setMaxWidth(420);
        table.setPlaceholder(placeholder);
        table.getColumns().setAll(List.of(
                column("Refused at", 130, e -> TIME.format(deadAt(e))),
                column("Subject", 200, EventRecord::subject),
                column("dedup_key", 180, EventRecord::dedupKey),
                column("Action", 80, EventRecord::eventAction),
                column("HTTP", 60, e -> e.lastStatus() == null ? "—" : e.lastStatus().toString()),
                column("PagerDuty said", 380, EventRecord::lastMessage),
                column("Resent", 60, e -> Integer.toString(e.requeues()))));
    }

    @Override
    public void registerCommands(ConsoleCommands commands, BooleanSupplier shown) {
        commands.add("dead-letter.resend", "Dead letters", "Resend the selected dead letters",
                "Open Dead letters (Ctrl+3) and select one first.", ConsoleCommand.focused(table), this::resendSelected, shown,
                new KeyTrigger(KeyTrigger.key(KeyCode.ENTER), null, "Enter")); // its display text is "↵"
    }

    private static Instant deadAt(EventRecord event) {
        return event.deadAt() != null ? event.deadAt() : event.enqueuedAt();
    }

    private static TableColumn<EventRecord, String> column(String name, double width,
                                                           Function<EventRecord, String> value) {
        TableColumn<EventRecord, String> column = new TableColumn<>(name);
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(Formats.oneLine(value.apply(cell.getValue()),
                300)));
        return column;
    }
}
