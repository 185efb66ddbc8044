package dev.klaxon.app.ui.live;

import atlantafx.base.theme.Styles;
import dev.klaxon.app.rates.RateHistory;
import dev.klaxon.app.ui.common.Cells;
import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.guard.FloodStatus;
import dev.klaxon.stats.LiveStats;
import dev.klaxon.stats.SubjectSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The subjects table. Owns one row object per subject and updates them in place from each snapshot; filtering
 * and sorting are views over those rows. Re-sorting while numbers change would make rows jump under the mouse,
 * so live changes re-sort only as {@link LiveOrder} allows (at most once a second, not while the pointer is over the
 * table nor just after a row was picked); header clicks and filter edits re-sort at once, and new rows take their
 * place without moving the others. A re-sort keeps the selected subject selected and the keyboard's place on it.
 * The engine's buckets (subjects over its cap, invalid subjects) are pinned to the bottom and look different. FX thread only.
 */
public final class SubjectTable {
    private static final PseudoClass OTHER = PseudoClass.getPseudoClass("other");
    /**
     * Row work per frame. The frame also pays CSS, layout and painting, and a probe that waits more than 33 ms
     * (two frames) counts as lag: a few milliseconds leave room for the rest.
     */
    static final long FRAME_BUDGET_NANOS = 4_000_000L;

    private final ObservableList<SubjectRow> rows = FXCollections.observableArrayList();
    private final Map<String, SubjectRow> bySubject = new HashMap<>();
    private final FilteredList<SubjectRow> filtered = new FilteredList<>(rows);
    private final SortedList<SubjectRow> sorted = new SortedList<>(filtered);
    private final TableView<SubjectRow> table = new TableView<>(sorted);
    private final Label placeholder = new Label();
    // Held here: bindings made on each call would only be weakly referenced by their users and silently go stale.
    private final IntegerBinding shownCount = Bindings.size(sorted);
    private final IntegerBinding totalCount = Bindings.size(rows);
    private final TableColumn<SubjectRow, Number> rate1m;
    private final TableColumn<SubjectRow, FloodStatus> flood;
    private SubjectFilter filter = SubjectFilter.ALL;
    private String waitingHint = "Waiting for the first message…";
    private final LiveOrder order = new LiveOrder();
    private final FramePass<SubjectSnapshot> pass;
    /** The time of the snapshot being applied, which "last seen" is relative to. */
    private Instant passAt;
    /** The flood states last shown, for rows that arrive after them. */
    private Map<String, FloodStatus> floodBySubject = Map.of();
    /** True while this class moves the selection itself, which is not the operator picking a row. */
    private boolean selecting;

    public SubjectTable() {
        this(System::nanoTime, FRAME_BUDGET_NANOS);
    }

    /** @param clock nanoseconds, for the per-frame budget */
    SubjectTable(LongSupplier clock, long frameBudgetNanos) {
        pass = new FramePass<>(clock, frameBudgetNanos);
        table.setId("subjects-table");
        table.getStyleClass().addAll("subjects-table", Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setTableMenuButtonVisible(false);

        TableColumn<SubjectRow, String> subject = column("Subject", 300,
                row -> new ReadOnlyObjectWrapper<>(row.subject()));
        subject.setId("col-subject");
        subject.setMinWidth(200); // the subject is what the row is about: numbers and previews give way first
        subject.setCellFactory(c -> new SubjectCell());
        flood = column("Flood", 175, SubjectRow::floodProperty);
        flood.setId("col-flood");
        flood.setCellFactory(c -> new FloodCell());
        flood.setComparator(Comparator.nullsFirst(Comparator.comparingLong(FloodStatus::held)));
        flood.setSortType(TableColumn.SortType.DESCENDING);
        // Only while some subject floods: an empty column would take room from the subjects every other minute.
        flood.setVisible(false);
        TableColumn<SubjectRow, Number> total = column("Total", 96, SubjectRow::totalProperty);
        total.setCellFactory(Cells.forTable(Cells.text(n -> Formats.count(n.longValue()))));
        TableColumn<SubjectRow, Number> rate1s = column("Rate 1 s", 100, SubjectRow::rate1sProperty);
        rate1s.setCellFactory(Cells.forTable(Cells.text(n -> Formats.rate(n.doubleValue()) + "/s")));
        rate1m = column("Rate 1 min", 116, SubjectRow::rate1mProperty);
        rate1m.setCellFactory(Cells.forTable(Cells.text(n -> Formats.rate(n.doubleValue()) + "/s")));
        TableColumn<SubjectRow, LastSeen> seen = column("Last seen", 104, SubjectRow::lastSeenProperty);
        seen.getStyleClass().add("numeric");
        TableColumn<SubjectRow, Breakdown> decisions = column("Decisions", 330, SubjectRow::breakdownProperty);
        decisions.setCellFactory(Cells.forTable(BreakdownLook::new));
        decisions.setMinWidth(160);
        TableColumn<SubjectRow, String> preview = column("Last payload", 360, SubjectRow::previewProperty);
        preview.setCellFactory(c -> new PreviewCell());
        for (TableColumn<SubjectRow, ?> numeric : List.of(total, rate1s, rate1m)) {
            numeric.getStyleClass().add("numeric");
            // Busiest first on the first click: that is what an operator looks for.
            numeric.setSortType(TableColumn.SortType.DESCENDING);
        }
        table.getColumns().setAll(List.of(subject, flood, total, rate1s, rate1m, seen, decisions, preview));

        // Our policy before any sort order: the default one refuses a SortedList that is not bound to it.
        table.setSortPolicy(t -> {
            resort();
            return true;
        });
        rate1m.setSortType(TableColumn.SortType.DESCENDING);
        table.getSortOrder().setAll(List.of(rate1m));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(SubjectRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(OTHER, !empty && row != null && row.isOther());
            }
        });
        placeholder.getStyleClass().add("placeholder-text");
        placeholder.setWrapText(true);
        table.setPlaceholder(placeholder);
        updatePlaceholder();
        resort();
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null && !selecting) {
                order.picked();
            }
        });
    }

    private static <T> TableColumn<SubjectRow, T> column(String title, double width,
                                                          Function<SubjectRow, ObservableValue<T>> value) {
        TableColumn<SubjectRow, T> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(width, 70));
        column.setCellValueFactory(features -> value.apply(features.getValue()));
        return column;
    }

    public TableView<SubjectRow> node() {
        return table;
    }

    /** Selects the top row if nothing is selected yet, so the tail shows something from the first data on. */
    public void selectFirstIfNone() {
        if (table.getSelectionModel().isEmpty() && !sorted.isEmpty()) {
            selecting = true; // the console's choice, not the operator's: the order stays live
            try {
                table.getSelectionModel().select(0);
            } finally {
                selecting = false;
            }
        }
    }

    /** Selects this subject's row if it is shown; false when it is not (filtered out, or not in the table yet). */
    public boolean select(String subject) {
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i).subject().equals(subject)) {
                table.getSelectionModel().clearAndSelect(i);
                table.scrollTo(i);
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** True once the newest snapshot is applied in full, so its order is the table's. */
    public boolean upToDate() {
        return pass.done();
    }

    public ReadOnlyObjectProperty<SubjectRow> selectedRow() {
        return table.getSelectionModel().selectedItemProperty();
    }

    /** True while a re-sort by the live numbers waits for the operator to leave the table (see {@link LiveOrder}). */
    public ReadOnlyBooleanProperty orderPaused() {
        return order.paused();
    }

    /** Number of rows shown under the current filter. */
    public IntegerBinding shownCount() {
        return shownCount;
    }

    public IntegerBinding totalCount() {
        return totalCount;
    }

    /** What the empty table says before any message arrived, e.g. which subjects and server it listens on. */
    public void setWaitingHint(String hint) {
        waitingHint = hint;
        updatePlaceholder();
    }

    public void setFilter(SubjectFilter next) {
        filter = next;
        filtered.setPredicate(row -> next.test(row.subject()));
        updatePlaceholder();
        resort();
    }

    /** Takes the engine's newest snapshot; the next frames apply it ({@link #applyFrame}). */
    public void offer(EngineSnapshot snapshot) {
        passAt = snapshot.at();
        pass.start(snapshot.subjects());
    }

    /**
     * Applies as much of the newest snapshot as this frame's budget allows: rows updated in place and new subjects
     * added, one list change per frame. The 1,000 subjects a flood brings at once thus arrive over several frames
     * instead of stalling one. Once the whole snapshot is in, subjects the engine forgot go and the order may move.
     */
    public void applyFrame(long frameNanos) {
        if (pass.done()) {
            return;
        }
        List<SubjectRow> added = new ArrayList<>();
        boolean complete = pass.run(s -> {
            SubjectRow row = bySubject.get(s.subject());
            if (row == null) {
                row = new SubjectRow(s.subject());
                row.flood(floodBySubject.get(s.subject()));
                bySubject.put(s.subject(), row);
                added.add(row);
            }
            row.update(s, passAt);
        });
        if (!added.isEmpty()) {
            SubjectRow selected = table.getSelectionModel().getSelectedItem();
            rows.addAll(added);
            keepSelected(selected);
        }
        boolean removed = complete && removeForgotten(pass.items());
        if (!added.isEmpty() || removed) {
            updatePlaceholder();
        }
        // New rows still find their place (the sorted list inserts them); rows already shown keep theirs.
        if (complete && order.mayReorder(frameNanos, table.isHover(), this::resortWouldMove)) {
            resort();
        }
    }

    private boolean removeForgotten(List<SubjectSnapshot> subjects) {
        if (bySubject.size() <= subjects.size()) {
            return false;
        }
        Set<String> present = new HashSet<>(subjects.size() * 2);
        for (SubjectSnapshot s : subjects) {
            present.add(s.subject());
        }
        bySubject.keySet().retainAll(present);
        return rows.removeIf(row -> !present.contains(row.subject()));
    }

    /** Marks the subjects in flood state (and unmarks the others); applied with the snapshots, so paused too. */
    public void showFloods(List<FloodStatus> floods) {
        Map<String, FloodStatus> bySubjectFlood = new HashMap<>();
        for (FloodStatus status : floods) {
            bySubjectFlood.put(status.subject(), status);
        }
        floodBySubject = bySubjectFlood;
        for (SubjectRow row : rows) {
            row.flood(bySubjectFlood.get(row.subject()));
        }
        flood.setVisible(!floods.isEmpty());
    }

    /** Adds a column with each subject's rate over the last 3 minutes, drawn from {@code history}. */
    public void showSparklines(RateHistory history, ObservableValue<?> version) {
        TableColumn<SubjectRow, String> sparkline = column("", 112, row -> new ReadOnlyObjectWrapper<>(row.subject()));
        Label header = new Label("3 min");
        header.setTooltip(new Tooltip("Each subject's message rate over the last 3 minutes, in 5-second steps"));
        sparkline.setGraphic(header);
        sparkline.setId("col-sparkline");
        sparkline.setMinWidth(SparklineCell.COLUMN_MIN_WIDTH);
        sparkline.setSortable(false);
        sparkline.setCellFactory(c -> new SparklineCell(history, version));
        table.getColumns().add(table.getColumns().indexOf(rate1m) + 1, sparkline);
    }

    /**
     * Re-sorts by the sort columns. The selection follows its row through the permutation, but the table's focus
     * (where the arrow keys go on from) would stay at the old index: both are put back on the selected subject, so
     * a re-sort never changes what s, r or the next key press apply to.
     */
    private void resort() {
        SubjectRow selected = table.getSelectionModel().getSelectedItem();
        // A new comparator instance each time: SortedList re-sorts (one permutation) only when its comparator changes.
        sorted.setComparator(comparator());
        order.reordered();
        keepSelected(selected);
    }

    /**
     * Puts the selection and the focus (where the arrow keys go on from) back on this row after the list moved: rows
     * inserted before it or a re-sort can leave either at the old index.
     */
    private void keepSelected(SubjectRow selected) {
        int at = selected == null ? -1 : sorted.indexOf(selected);
        if (at >= 0) {
            selecting = true;
            try {
                if (table.getSelectionModel().getSelectedIndex() != at) {
                    table.getSelectionModel().clearAndSelect(at);
                }
                table.getFocusModel().focus(at);
            } finally {
                selecting = false;
            }
        }
    }

    private Comparator<SubjectRow> comparator() {
        Comparator<SubjectRow> columns = table.getComparator();
        Comparator<SubjectRow> byBucket = Comparator.comparing(SubjectRow::isOther);
        if (columns != null) {
            byBucket = byBucket.thenComparing(columns);
        }
        return byBucket.thenComparing(SubjectRow::subject);
    }

    /** Whether re-sorting now would move any shown row: only then is the operator told the order is paused. */
    private boolean resortWouldMove() {
        List<SubjectRow> resorted = new ArrayList<>(sorted);
        resorted.sort(comparator());
        for (int i = 0; i < resorted.size(); i++) {
            if (resorted.get(i) != sorted.get(i)) {
                return true;
            }
        }
        return false;
    }

    private void updatePlaceholder() {
        if (rows.isEmpty()) {
            placeholder.setText(waitingHint);
        } else {
            placeholder.setText("No subject matches “" + filter.text() + "” (" + filter.modeLabel()
                    + "). Press Esc in the filter box to clear it.");
        }
    }

    /** Subject name; the over-the-cap bucket gets an icon and its own wording. */
    private final class SubjectCell extends TableCell<SubjectRow, String> {
        private final Tooltip tooltip = new Tooltip();

        SubjectCell() {
            setTextOverrun(OverrunStyle.CENTER_ELLIPSIS); // the ends of a subject are the informative parts
        }

        @Override
        protected void updateItem(String subject, boolean empty) {
            super.updateItem(subject, empty);
            if (empty || subject == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            if (LiveStats.OTHER_SUBJECTS.equals(subject)) {
                setText("other subjects (over the cap)");
                setGraphic(new FontIcon(Material2AL.LAYERS));
                tooltip.setText("Subjects beyond the engine's limit on distinct subjects, counted together.");
            } else if (LiveStats.INVALID_SUBJECTS.equals(subject)) {
                setText("invalid subjects");
                setGraphic(new FontIcon(Material2AL.ERROR_OUTLINE));
                tooltip.setText("Subjects too odd to track by name (too long, empty tokens, control characters),"
                        + " counted together.");
            } else {
                setText(subject);
                setGraphic(null);
                tooltip.setText(subject);
            }
            setTooltip(tooltip);
        }
    }

    /** "flood · 1,234 held" with an icon, and since when in the tooltip; empty when the subject is calm. */
    private static final class FloodCell extends TableCell<SubjectRow, FloodStatus> {
        private final Label badge = new Label(null, new FontIcon(Material2MZ.PAUSE_CIRCLE_OUTLINE));
        private final Tooltip tooltip = new Tooltip();

        FloodCell() {
            badge.getStyleClass().add("flood-badge");
            badge.setMinWidth(Label.USE_PREF_SIZE);
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(480);
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(FloodStatus flood, boolean empty) {
            super.updateItem(flood, empty);
            if (empty || flood == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            badge.setText("flood · " + Formats.count(flood.held()) + " held");
            tooltip.setText("In flood state since " + Formats.seconds(flood.since()) + ": its triggers are held ("
                    + Formats.count(flood.held()) + " so far) and one coalesced event per window goes to "
                    + "PagerDuty instead, with dedup_key klaxon-flood/" + Formats.oneLine(flood.subject(), 200) + ".");
            setAccessibleText(badge.getText());
            setGraphic(badge);
            setTooltip(tooltip);
        }
    }

    private static final class PreviewCell extends TableCell<SubjectRow, String> {
        private final Tooltip tooltip = new Tooltip();

        PreviewCell() {
            getStyleClass().add("preview-cell");
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(640);
        }

        @Override
        protected void updateItem(String preview, boolean empty) {
            super.updateItem(preview, empty);
            setText(empty ? null : preview);
            if (empty || preview == null || preview.isEmpty()) {
                setTooltip(null);
            } else {
                tooltip.setText(preview);
                setTooltip(tooltip);
            }
        }
    }
}
