package dev.klaxon.app.ui.silences;

import atlantafx.base.theme.Styles;
import dev.klaxon.app.backend.SilencesBackend;
import dev.klaxon.app.ui.command.ConsoleCommand;
import dev.klaxon.app.ui.command.ConsoleCommands;
import dev.klaxon.app.ui.command.KeyTrigger;
import dev.klaxon.app.ui.common.ConsoleView;
import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.app.ui.common.FxThread;
import dev.klaxon.app.ui.common.RefreshWhileShown;
import dev.klaxon.app.ui.common.Sections;
import dev.klaxon.app.ui.common.StatusLine;
import dev.klaxon.app.ui.common.ViewInfo;
import dev.klaxon.guard.SilenceRecord;
import dev.klaxon.guard.SilenceState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The silences: state (icon and word), what each covers, time left (ticking), how many triggers it held back, who
 * made it and why, and the flags worth a look. Extend by 15 minutes or an hour, or expire early, from the buttons or
 * the keyboard. The backend is read every two seconds while the view is shown, and
 * right after each action; the clock ticks every second on the FX thread without reading anything.
 */
public final class SilencesView implements ConsoleView {
    private static final ViewInfo INFO = new ViewInfo("silences", "Silences", Material2MZ.NOTIFICATIONS_OFF,
            "Silences: what is silenced, until when and why; extend or expire");
    /** Every second: in team mode another member's change should show within two. */
    static final Duration REFRESH_PERIOD = Duration.ofSeconds(1);
    static final Duration SHORT_EXTENSION = Duration.ofMinutes(15);
    static final Duration LONG_EXTENSION = Duration.ofHours(1);

    private final SilencesBackend silences;
    private final Clock clock;
    private final ObservableList<SilenceRecord> rows = FXCollections.observableArrayList();
    private final TableView<SilenceRecord> table = new TableView<>(rows);
    private final ObjectProperty<Instant> now = new SimpleObjectProperty<>(this, "now");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final Label count = new Label();
    private final Label status = new Label();
    private final Label unsharedText = new Label();
    private final HBox unsharedBar;
    private final RefreshWhileShown refresher;
    private final Timeline ticker;
    private final VBox root;
    private boolean reading;
    /** Set when the view opens: the first read then puts the keyboard on the newest silence. */
    private boolean selectFirst;

    public SilencesView(SilencesBackend silences, Clock clock) {
        this.silences = silences;
        this.clock = clock;
        now.set(clock.instant());
        setUpTable();

        Button extendShort = actionButton("+15m", Material2MZ.MORE_TIME, "silence-extend-15m",
                "Extend the selected silence by 15 minutes (+)", () -> extendSelected(SHORT_EXTENSION));
        Button extendLong = actionButton("+1h", Material2MZ.MORE_TIME, "silence-extend-1h",
                "Extend the selected silence by an hour (H)", () -> extendSelected(LONG_EXTENSION));
        Button expire = actionButton("Expire now", Material2MZ.TIMER_OFF, "silence-expire",
                "End the selected silence now: its triggers page again (Delete)", this::expireSelected);
        expire.getStyleClass().add(Styles.DANGER);
        status.setId("silences-status");
        status.setWrapText(true);
        status.getStyleClass().add("incident-progress");
        count.setId("silences-count");
        count.getStyleClass().add("section-hint");

        Label title = Sections.title("Silences", Material2MZ.NOTIFICATIONS_OFF);
        HBox header = Sections.header(List.of(title, count), Sections.hint("+ extends 15m · H extends 1h · Delete "
                + "expires · new silences: S on a subject or a message · Ctrl+1 back to live"));
        HBox actions = new HBox(10, extendShort, extendLong, expire, status);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.getStyleClass().add("incident-actions");
        Button share = new Button("Move them to the team", new FontIcon(Material2MZ.SHARE));
        share.setId("silences-share");
        share.setTooltip(new Tooltip("Adds each to the team's silences (audited) and ends it in this laptop's "
                + "silences.db"));
        share.disableProperty().bind(busy);
        share.setOnAction(e -> shareLocal());
        unsharedText.setId("silences-unshared");
        unsharedText.setWrapText(true);
        unsharedBar = new HBox(10, new FontIcon(Material2AL.ERROR_OUTLINE), unsharedText, share);
        unsharedBar.setAlignment(Pos.CENTER_LEFT);
        unsharedBar.getStyleClass().add("incident-actions");
        showUnshared(0);
        root = new VBox(header, unsharedBar, actions, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        root.getStyleClass().addAll("section", "silences-view");

        refresher = new RefreshWhileShown(REFRESH_PERIOD, this::refresh);
        ticker = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> now.set(clock.instant())));
        ticker.setCycleCount(Animation.INDEFINITE);
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

    /** Shown or hidden: reads and ticks only while shown. */
    @Override
    public void setShown(boolean shown) {
        if (shown && !refresher.shown()) {
            now.set(clock.instant());
            selectFirst = true;
        }
        if (refresher.setShown(shown)) {
            if (shown) {
                ticker.play();
            } else {
                ticker.stop();
            }
        }
    }

    @Override
    public void close() {
        refresher.stop();
        ticker.stop();
    }

    /** Reads the silences again; a read already under way makes this one unnecessary. */
    void refresh() {
        if (reading) {
            return;
        }
        reading = true;
        FxThread.whenDone(silences.list(), (found, failure) -> {
            reading = false;
            if (failure != null) {
                StatusLine.show(status, "Cannot read the silences: " + FxThread.message(failure), true);
                return;
            }
            show(found);
        });
        FxThread.whenDone(silences.unshared(), (unshared, failure) -> showUnshared(failure == null ? unshared : 0));
    }

    /** Team mode only: silences in this laptop's file no longer count, which must not go unnoticed. */
    private void showUnshared(int unshared) {
        unsharedBar.setVisible(unshared > 0);
        unsharedBar.setManaged(unshared > 0);
        unsharedText.setText(unshared + (unshared == 1 ? " silence" : " silences") + " in this laptop's "
                + "silences.db " + (unshared == 1 ? "has" : "have") + " not ended and " + (unshared == 1 ? "is" : "are")
                + " not the team's: in team mode only the team's silences hold back pages.");
    }

    private void shareLocal() {
        busy.set(true);
        StatusLine.show(status, "Moving this laptop's silences to the team…", false);
        FxThread.whenDone(silences.share(), (moved, failure) -> {
            busy.set(false);
            StatusLine.show(status, failure != null ? "Not moved: " + FxThread.message(failure)
                    : moved + (moved == 1 ? " silence" : " silences") + " moved to the team", failure != null);
            refresh();
        });
    }

    private void show(List<SilenceRecord> silences) {
        SilenceRecord selected = table.getSelectionModel().getSelectedItem();
        rows.setAll(silences);
        now.set(clock.instant());
        if (selected == null && selectFirst && !rows.isEmpty()) {
            table.getSelectionModel().select(0); // so Delete, + and H work at once, without a click
        }
        selectFirst = false;
        if (selected != null) {
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).silence().id() == selected.silence().id()) {
                    table.getSelectionModel().select(i);
                    break;
                }
            }
        }
        long activeCount = silences.stream().filter(r -> r.state(now.get()) == SilenceState.ACTIVE).count();
        count.setText(activeCount + " active · " + silences.size() + " in all · kept in " + this.silences.where());
    }

    void extendSelected(Duration by) {
        SilenceRecord record = actionable();
        if (record == null) {
            return;
        }
        Instant newEnd = record.silence().effectiveEnd().plus(by);
        long id = record.silence().id();
        act("Extending silence #" + id + "…", silences.extend(record, newEnd),
                "Silence #" + id + " now ends at " + Formats.timestamp(newEnd));
    }

    void expireSelected() {
        SilenceRecord record = actionable();
        if (record == null) {
            return;
        }
        long id = record.silence().id();
        act("Expiring silence #" + id + "…", silences.expire(record),
                "Silence #" + id + " has ended: its triggers page again");
    }

    /** The selected silence if it has not ended (an ended one can be neither extended nor expired), else says so. */
    private SilenceRecord actionable() {
        SilenceRecord record = table.getSelectionModel().getSelectedItem();
        if (record == null || busy.get()) {
            return null;
        }
        if (record.state(clock.instant()) == SilenceState.EXPIRED) {
            StatusLine.show(status, "Silence #" + record.silence().id() + " has already ended; add a new "
                    + "one with S on a subject.", true);
            return null;
        }
        return record;
    }

    private void act(String doing, java.util.concurrent.CompletableFuture<Boolean> action, String done) {
        busy.set(true);
        StatusLine.show(status, doing, false);
        FxThread.whenDone(action, (ok, failure) -> {
            busy.set(false);
            if (failure != null) {
                StatusLine.show(status, "Not done: " + FxThread.message(failure), true);
            } else {
                StatusLine.show(status, done, false);
            }
            refresh();
        });
    }

    private Button actionButton(String text, org.kordamp.ikonli.Ikon icon, String id, String tip, Runnable action) {
        Button button = new Button(text, new FontIcon(icon));
        button.setId(id);
        button.setTooltip(new Tooltip(tip));
        button.setAccessibleText(tip);
        button.setMinWidth(Region.USE_PREF_SIZE);
        button.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull().or(busy));
        button.setOnAction(e -> action.run());
        return button;
    }

    private void setUpTable() {
        table.setId("silences-table");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setAccessibleText("Silences, newest first; plus extends by 15 minutes, H by an hour, Delete expires");
        Label placeholder = new Label("No silences. Press S on a subject or a message in the live view (Ctrl+1) to "
                + "silence it, or run: klaxon-bridge silence add.");
        placeholder.getStyleClass().add("placeholder-text");
        placeholder.setWrapText(true);
        placeholder.setMaxWidth(460);
        table.setPlaceholder(placeholder);

        TableColumn<SilenceRecord, SilenceRecord> state = column("State", 110);
        state.setCellFactory(c -> new TickingCell((label, r) -> {
            SilenceState s = r.state(now.get());
            label.setText(s.label());
            ((FontIcon) label.getGraphic()).setIconCode(SilenceText.icon(s));
            label.getStyleClass().removeIf(style -> style.startsWith("silence-"));
            label.getStyleClass().add("silence-" + s.label());
        }));
        TableColumn<SilenceRecord, SilenceRecord> id = column("#", 50);
        id.setCellFactory(c -> new TextCell(r -> Long.toString(r.silence().id())));
        TableColumn<SilenceRecord, SilenceRecord> covers = column("Pattern and matchers", 280);
        covers.setCellFactory(c -> new TextCell(r -> SilenceText.covers(r.silence())));
        TableColumn<SilenceRecord, SilenceRecord> remaining = column("Remaining", 150);
        remaining.setCellFactory(c -> new TickingCell((label, r) -> {
            label.setText(SilenceText.remaining(r, now.get()));
            label.setGraphic(null);
        }));
        TableColumn<SilenceRecord, SilenceRecord> matched = column("Matched", 80);
        matched.setCellFactory(c -> new TextCell(r -> Formats.count(r.matched())));
        matched.getStyleClass().add("numeric");
        TableColumn<SilenceRecord, SilenceRecord> by = column("Last change", 330);
        by.setCellFactory(c -> new TextCell(r -> Formats.oneLine(SilenceText.lastChange(r), 160)));
        TableColumn<SilenceRecord, SilenceRecord> reason = column("Reason", 220);
        reason.setCellFactory(c -> new TextCell(r -> Formats.oneLine(r.silence().reason(), 300)));
        TableColumn<SilenceRecord, SilenceRecord> flags = column("Flags", 200);
        flags.setCellFactory(c -> new TickingCell((label, r) -> {
            List<String> found = SilenceText.flags(r, now.get());
            label.setText(String.join(" · ", found));
            label.setGraphic(found.isEmpty() ? null : new FontIcon(Material2AL.ERROR_OUTLINE));
            label.getStyleClass().remove("silence-flag");
            if (!found.isEmpty()) {
                label.getStyleClass().add("silence-flag");
            }
        }));
        table.getColumns().setAll(List.of(state, id, covers, remaining, matched, by, reason, flags));
    }

    /** Its keys work while the silences table has the keyboard; "+" is typed, so every keyboard's plus works. */
    @Override
    public void registerCommands(ConsoleCommands commands, BooleanSupplier shown) {
        String inSilences = "Silences";
        Predicate<Node> here = ConsoleCommand.focused(table);
        String needs = "Open Silences (Ctrl+4) and select a silence first.";
        commands.add("silence.extend-short", inSilences, "Extend the selected silence by 15 minutes", needs, here,
                () -> extendSelected(SHORT_EXTENSION), shown, KeyTrigger.typed("+"));
        commands.add("silence.extend-long", inSilences, "Extend the selected silence by an hour", needs, here,
                () -> extendSelected(LONG_EXTENSION), shown, KeyTrigger.typed("h"), new KeyTrigger(null, "H", null));
        commands.add("silence.expire", inSilences, "Expire the selected silence now", needs, here, this::expireSelected,
                shown, KeyTrigger.of(KeyTrigger.key(KeyCode.DELETE)),
                KeyTrigger.alias(KeyTrigger.key(KeyCode.BACK_SPACE)));
    }

    private static TableColumn<SilenceRecord, SilenceRecord> column(String title, double width) {
        TableColumn<SilenceRecord, SilenceRecord> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        return column;
    }

    /** Plain text, whole in the tooltip: patterns and reasons are often wider than their column. */
    private static final class TextCell extends TableCell<SilenceRecord, SilenceRecord> {
        private final Function<SilenceRecord, String> text;
        private final Tooltip tooltip = new Tooltip();

        TextCell(Function<SilenceRecord, String> text) {
            this.text = text;
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(520);
        }

        @Override
        protected void updateItem(SilenceRecord record, boolean empty) {
            super.updateItem(record, empty);
            String shown = empty || record == null ? null : text.apply(record);
            setText(shown);
            if (shown == null || shown.isEmpty()) {
                setTooltip(null);
            } else {
                tooltip.setText(shown);
                setTooltip(tooltip);
            }
        }
    }

    /** A cell whose text depends on the time: redrawn on every tick of the view's clock, not only on new data. */
    private final class TickingCell extends TableCell<SilenceRecord, SilenceRecord> {
        private final Label label = new Label(null, new FontIcon());
        private final BiConsumer<Label, SilenceRecord> paint;
        /** Held by the cell and registered weakly: a cell the table throws away must not stay ticking. */
        private final javafx.beans.value.ChangeListener<Instant> tick = (obs, old, next) -> repaint();

        TickingCell(BiConsumer<Label, SilenceRecord> paint) {
            this.paint = paint;
            label.setMinWidth(0);
            setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
            now.addListener(new javafx.beans.value.WeakChangeListener<>(tick));
        }

        @Override
        protected void updateItem(SilenceRecord record, boolean empty) {
            super.updateItem(record, empty);
            repaint();
        }

        private void repaint() {
            SilenceRecord record = getItem();
            if (isEmpty() || record == null) {
                setGraphic(null);
                setAccessibleText(null);
                return;
            }
            paint.accept(label, record);
            setAccessibleText(label.getText());
            setGraphic(label);
        }
    }
}
