package dev.klaxon.app.ui.live;

import atlantafx.base.theme.Styles;
import dev.klaxon.app.feed.TailUpdate;
import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.app.ui.common.OutcomeBadge;
import dev.klaxon.app.ui.common.SafeText;
import dev.klaxon.decision.Outcome;
import dev.klaxon.stats.TailEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The live tail of the selected subject, newest at the top. New messages are inserted above the ones already shown
 * (the same objects stay in place), so a message the operator selected stays selected while the tail moves.
 * Bounded by the engine's tail size. FX thread only.
 */
public final class TailPane {
    private static final int PREVIEW_CHARS = 200;
    /** Older messages read back from the stream kept below the live ones; the oldest go past this. */
    static final int OLDER_LIMIT = 500;

    private final ObservableList<TailEntry> items = FXCollections.observableArrayList();
    private final TableView<TailEntry> table = new TableView<>(items);
    private final Label placeholder = new Label();
    private final ReadOnlyObjectWrapper<TailEntry> picked = new ReadOnlyObjectWrapper<>(this, "picked");
    /** Below the live messages: older ones read back from the stream, newest first. They never move. */
    private final List<TailEntry> older = new ArrayList<>();
    /** True while a new read is merged in: selection changes then are the list's doing, not the operator's. */
    private boolean merging;
    private String subject;

    public TailPane() {
        table.setId("tail-table");
        table.getStyleClass().addAll("tail-table", Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TableColumn<TailEntry, TailEntry> time = new TableColumn<>("Time");
        time.setPrefWidth(110);
        time.setMinWidth(100);
        time.setSortable(false);
        time.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        time.setCellFactory(c -> new TextCell(entry -> Formats.clock(entry.receivedAt())));
        time.getStyleClass().add("mono");

        TableColumn<TailEntry, TailEntry> decision = new TableColumn<>("Decision");
        decision.setPrefWidth(120);
        decision.setMinWidth(110);
        decision.setSortable(false);
        decision.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        decision.setCellFactory(c -> new DecisionCell());

        TableColumn<TailEntry, TailEntry> preview = new TableColumn<>("Message");
        preview.setPrefWidth(300);
        preview.setSortable(false);
        preview.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        preview.setCellFactory(c -> new TextCell(entry -> SafeText.inline(entry.body(), PREVIEW_CHARS)));

        table.getColumns().setAll(List.of(time, decision, preview));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, entry) -> {
            if (!merging) {
                picked.set(entry);
            }
        });
        placeholder.getStyleClass().add("placeholder-text");
        placeholder.setWrapText(true);
        table.setPlaceholder(placeholder);
        show(null);
    }

    public TableView<TailEntry> node() {
        return table;
    }

    /**
     * The message the operator picked (a click, j/k), or null: new messages arriving never change it, and it stays
     * picked even after the engine's tail no longer keeps it.
     */
    public ReadOnlyObjectProperty<TailEntry> selectedEntry() {
        return picked.getReadOnlyProperty();
    }

    /** Starts showing another subject (null: none); clears what was shown. */
    public void show(String nextSubject) {
        subject = nextSubject;
        items.clear();
        older.clear();
        picked.set(null);
        placeholder.setText(nextSubject == null
                ? "Select a subject above to follow its messages here, newest first."
                : "No recent messages kept for this subject yet.");
    }

    /** Unpins the picked message (Esc): none is selected, and the detail may follow the newest again. */
    public void unpin() {
        table.getSelectionModel().clearSelection();
        picked.set(null);
    }

    public String subject() {
        return subject;
    }

    /** The oldest message shown (live or read back), or null: where "Older" goes on from. */
    public TailEntry oldest() {
        return items.isEmpty() ? null : items.get(items.size() - 1);
    }

    /**
     * Adds messages read back from the stream (oldest first) below everything shown, for {@code forSubject}; ignored
     * when another subject is shown by now. Keeps at most {@link #OLDER_LIMIT} of them.
     *
     * @return how many were added
     */
    public int appendOlder(String forSubject, List<TailEntry> oldestFirst) {
        if (subject == null || !subject.equals(forSubject) || oldestFirst.isEmpty()) {
            return 0;
        }
        List<TailEntry> adding = newestFirst(oldestFirst);
        older.addAll(adding);
        items.addAll(adding);
        int over = older.size() - OLDER_LIMIT;
        if (over > 0) {
            older.subList(older.size() - over, older.size()).clear();
            items.remove(items.size() - over, items.size());
        }
        return adding.size();
    }

    /** The message shown just below {@code entry} (stored before it), or null when it is the last or not shown. */
    public TailEntry olderThan(TailEntry entry) {
        int index = items.indexOf(entry);
        return index < 0 || index + 1 >= items.size() ? null : items.get(index + 1);
    }

    /** Picks a message as a click would: it is selected, scrolled to and pinned. */
    public void pick(TailEntry entry) {
        table.getSelectionModel().select(entry);
        table.scrollTo(entry);
    }

    /** The newest message shown, or null. */
    public TailEntry newest() {
        return items.isEmpty() ? null : items.get(0);
    }

    /**
     * Merges the engine's current tail (oldest first) into the view; ignores a tail of another subject. The picked
     * message stays selected where it now is, or unselected once the tail no longer keeps it: the list moving never
     * selects another message.
     */
    public void apply(TailUpdate update) {
        if (update == null || subject == null || !subject.equals(update.subject())) {
            return;
        }
        merging = true;
        try {
            merge(update.entries());
            TailEntry keep = picked.get();
            int at = keep == null ? -1 : items.indexOf(keep);
            if (at < 0) {
                table.getSelectionModel().clearSelection();
            } else if (table.getSelectionModel().getSelectedIndex() != at) {
                table.getSelectionModel().clearAndSelect(at);
            }
        } finally {
            merging = false;
        }
    }

    /** The live part is the top of the list; older messages read back stay below it, untouched. */
    private void merge(List<TailEntry> incoming) {
        int live = items.size() - older.size();
        if (incoming.isEmpty()) {
            items.remove(0, live);
            return;
        }
        int known = live == 0 ? -1 : incoming.lastIndexOf(items.get(0));
        if (known < 0) {
            // Nothing in common (first read, or more arrived than the tail keeps): take it whole.
            List<TailEntry> whole = newestFirst(incoming);
            whole.addAll(older);
            items.setAll(whole);
            return;
        }
        List<TailEntry> fresh = newestFirst(incoming.subList(known + 1, incoming.size()));
        if (!fresh.isEmpty()) {
            items.addAll(0, fresh);
            live += fresh.size();
        }
        if (live > incoming.size()) {
            items.remove(incoming.size(), live); // the engine no longer keeps these
        }
    }

    private static List<TailEntry> newestFirst(List<TailEntry> oldestFirst) {
        List<TailEntry> copy = new ArrayList<>(oldestFirst);
        Collections.reverse(copy);
        return copy;
    }

    private static final class TextCell extends TableCell<TailEntry, TailEntry> {
        private final Function<TailEntry, String> text;

        TextCell(Function<TailEntry, String> text) {
            this.text = text;
        }

        @Override
        protected void updateItem(TailEntry entry, boolean empty) {
            super.updateItem(entry, empty);
            setText(empty || entry == null ? null : text.apply(entry));
        }
    }

    private static final class DecisionCell extends TableCell<TailEntry, TailEntry> {
        private final Label badge = new Label();

        @Override
        protected void updateItem(TailEntry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setGraphic(null);
                return;
            }
            Outcome outcome = entry.outcome();
            OutcomeBadge.show(badge, outcome, outcome == null ? "—" : outcome.label());
            setGraphic(badge);
        }
    }
}
