package dev.klaxon.app.ui.audit;

import atlantafx.base.theme.Styles;
import dev.klaxon.app.backend.AuditBackend;
import dev.klaxon.app.ui.common.ConsoleView;
import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.app.ui.common.FxThread;
import dev.klaxon.app.ui.common.RefreshWhileShown;
import dev.klaxon.app.ui.common.Sections;
import dev.klaxon.app.ui.common.ViewInfo;
import dev.klaxon.audit.AuditKind;
import dev.klaxon.audit.AuditQuery;
import dev.klaxon.audit.AuditRow;
import dev.klaxon.audit.ExportFormat;
import dev.klaxon.incidents.IncidentRef;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The audit view: filters on top, a table of forwarded events, operator actions and config loads (newest first),
 * and the selected row in full on the right.
 *
 * <p>The audit lives in SQLite, so the backend searches it off the FX thread and the result is applied on the FX
 * thread in one go. Searches never pile up: while one runs, further requests collapse into a single re-run with the
 * newest filters. At most {@link #MAX_ROWS} rows are held; the count line says when more matched. Export writes the
 * rows on screen, also off the FX thread.
 */
public final class AuditView implements ConsoleView {
    private static final ViewInfo INFO = new ViewInfo("audit", "Audit", Material2MZ.RECEIPT_LONG,
            "Audit view: forwarded pages, operator actions and config loads, searchable and exportable");
    /** Rows held and shown at most: bounded memory, and more than anyone scrolls through. */
    public static final int MAX_ROWS = 1_000;
    /** Auto-refresh pace while the view is visible. */
    public static final Duration REFRESH_PERIOD = Duration.ofSeconds(5);
    /** Typing settles this long before a search runs, so each keystroke does not query the database. */
    private static final Duration TYPING_PAUSE = Duration.ofMillis(250);
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    /** Where an export goes; the console asks with a file chooser, tests answer with a temporary file. */
    @FunctionalInterface
    public interface ExportTarget {
        /** @return the file to write, or null when the operator cancelled */
        Path choose(Window owner, ExportFormat format);

        static ExportTarget fileChooser() {
            return (owner, format) -> {
                FileChooser chooser = new FileChooser();
                String ext = format == ExportFormat.CSV ? "csv" : "jsonl";
                chooser.setTitle("Export audit rows as " + ext.toUpperCase(Locale.ROOT));
                chooser.setInitialFileName("klaxon-audit." + ext);
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                        ext.toUpperCase(Locale.ROOT) + " files", "*." + ext));
                File file = chooser.showSaveDialog(owner);
                return file == null ? null : file.toPath();
            };
        }
    }

    /** The time range filter; "all" sets no lower bound. */
    enum Range {
        LAST_15_MIN("last 15 min", Duration.ofMinutes(15)),
        LAST_HOUR("last 1 h", Duration.ofHours(1)),
        LAST_DAY("last 24 h", Duration.ofDays(1)),
        LAST_WEEK("last 7 d", Duration.ofDays(7)),
        ALL("all time", null);

        final String label;
        final Duration span;

        Range(String label, Duration span) {
            this.label = label;
            this.span = span;
        }
    }

    /** The kind filter; null kind means every kind. */
    record KindChoice(String label, AuditKind kind) { }

    private static final List<KindChoice> KINDS = List.of(new KindChoice("all kinds", null),
            new KindChoice("forwarded events", AuditKind.FORWARDED),
            new KindChoice("operator actions", AuditKind.ACTION),
            new KindChoice("config loads", AuditKind.CONFIG));

    private final AuditBackend audit;
    private final Function<String, Optional<IncidentRef>> incidentOf;
    private final Clock clock;
    private final AuditText text = new AuditText();

    private final TextField textFilter = new TextField();
    private final TextField subjectFilter = new TextField();
    private final ComboBox<KindChoice> kindFilter = new ComboBox<>();
    private final ComboBox<Range> rangeFilter = new ComboBox<>();
    private final Button refresh = new Button("Refresh", new FontIcon(Material2MZ.REFRESH));
    private final MenuButton export = new MenuButton("Export", new FontIcon(Material2MZ.SAVE_ALT));
    private final Label count = new Label();
    private final Label notice = new Label();
    private final TableView<AuditRow> table = new TableView<>();
    private final Label tablePlaceholder = new Label();
    private final TextArea detail = new TextArea();
    private final Label detailPlaceholder = new Label("Select a row to see it in full: for a forwarded event the "
            + "exact body sent to PagerDuty (routing key masked) and every delivery attempt with its HTTP status.");
    private final BorderPane root = new BorderPane();
    private final PauseTransition typing = new PauseTransition(javafx.util.Duration.millis(TYPING_PAUSE.toMillis()));
    private final RefreshWhileShown autoRefresh;
    private final ChainStatus chain;

    private ExportTarget exportTarget = ExportTarget.fileChooser();
    private boolean searching;
    private boolean searchAgain;
    private boolean searchedOnce;

    /**
     * @param incidentOf the PagerDuty incident a dedup_key landed in, when known; read on the FX thread, so it must
     *                   answer from memory
     */
    public AuditView(AuditBackend audit, Function<String, Optional<IncidentRef>> incidentOf,
                     Clock clock) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.incidentOf = Objects.requireNonNull(incidentOf, "incidentOf");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.chain = new ChainStatus(audit, clock);
        root.getStyleClass().add("audit-view");
        root.setTop(filterBar());
        SplitPane split = new SplitPane(tableSection(), detailSection());
        split.setDividerPositions(0.64);
        split.getStyleClass().add("console-split");
        root.setCenter(split);

        typing.setOnFinished(e -> refresh());
        textFilter.textProperty().addListener((obs, old, value) -> typing.playFromStart());
        subjectFilter.textProperty().addListener((obs, old, value) -> typing.playFromStart());
        kindFilter.valueProperty().addListener((obs, old, value) -> refresh());
        rangeFilter.valueProperty().addListener((obs, old, value) -> refresh());
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> showDetail(row));
        autoRefresh = new RefreshWhileShown(REFRESH_PERIOD, this::refresh);
        showCount(0, false);
        showDetail(null);
    }

    @Override
    public ViewInfo info() {
        return INFO;
    }

    @Override
    public void focus() {
        textFilter.requestFocus();
    }

    @Override
    public TextInputControl filterField() {
        return textFilter;
    }

    @Override
    public Node node() {
        return root;
    }

    public void setExportTarget(ExportTarget target) {
        this.exportTarget = Objects.requireNonNull(target, "target");
    }

    /** Shown or hidden: refreshes at once when shown and every few seconds while shown; idle when hidden. */
    @Override
    public void setShown(boolean shown) {
        if (autoRefresh.setShown(shown) && !shown) {
            typing.stop();
        }
    }

    @Override
    public void close() {
        autoRefresh.stop();
        typing.stop();
    }

    /** Searches with the current filters; collapses into one re-run when a search is already under way. */
    public void refresh() {
        typing.stop();
        chain.check(false);
        if (searching) {
            searchAgain = true;
            return;
        }
        AuditQuery query;
        try {
            query = query();
            subjectFilter.pseudoClassStateChanged(INVALID, false);
        } catch (IllegalArgumentException e) {
            subjectFilter.pseudoClassStateChanged(INVALID, true);
            notice("Subject pattern not valid: " + Formats.oneLine(e.getMessage(), 160), true);
            return;
        }
        searching = true;
        FxThread.whenDone(audit.search(query), (found, failure) -> searched(found,
                failure == null ? null : FxThread.message(failure)));
    }

    private AuditQuery query() {
        Range range = rangeFilter.getValue() == null ? Range.LAST_DAY : rangeFilter.getValue();
        Instant since = range.span == null ? null : clock.instant().minus(range.span);
        KindChoice kind = kindFilter.getValue();
        // One more than shown: tells "exactly 1,000" from "1,000 and more".
        AuditQuery query = new AuditQuery(since, null, subjectFilter.getText(), textFilter.getText(), null,
                MAX_ROWS + 1);
        return kind == null || kind.kind() == null ? query : query.kinds(kind.kind());
    }

    private void searched(List<AuditRow> rows, String failure) {
        searching = false;
        searchedOnce = true;
        if (failure != null) {
            notice("Audit search failed: " + Formats.oneLine(failure, 200), true);
        } else {
            boolean more = rows.size() > MAX_ROWS;
            List<AuditRow> shown = more ? rows.subList(0, MAX_ROWS) : rows;
            if (!shown.equals(table.getItems())) {
                replaceRows(shown);
            }
            showCount(shown.size(), more);
            if (notice.getStyleClass().contains("audit-error")) {
                notice("", false); // the problem is over
            }
        }
        tablePlaceholder.setText(placeholderText());
        if (searchAgain) {
            searchAgain = false;
            refresh();
        }
    }

    /** Replaces the rows but keeps the operator's selection (same kind and id) across an auto-refresh. */
    private void replaceRows(List<AuditRow> rows) {
        AuditRow selected = table.getSelectionModel().getSelectedItem();
        table.getItems().setAll(rows);
        if (selected != null) {
            for (int i = 0; i < rows.size(); i++) {
                AuditRow row = rows.get(i);
                if (row.kind() == selected.kind() && row.id() == selected.id()) {
                    table.getSelectionModel().select(i);
                    return;
                }
            }
        }
    }

    private String placeholderText() {
        if (!searchedOnce) {
            return "Reading the audit trail…";
        }
        boolean filtered = !textFilter.getText().isBlank() || !subjectFilter.getText().isBlank()
                || (kindFilter.getValue() != null && kindFilter.getValue().kind() != null)
                || rangeFilter.getValue() != Range.ALL;
        return filtered ? "Nothing matches these filters. Widen the time range, clear the text or subject, or pick "
                + "\"all kinds\"."
                : "The audit trail is empty. Forwarded pages, operator actions and config loads appear here as they "
                + "happen.";
    }

    private void showCount(int shown, boolean more) {
        count.setText(more ? "showing newest " + Formats.count(shown) + " · narrow the filters for older rows"
                : Formats.count(shown) + (shown == 1 ? " row" : " rows"));
    }

    private void notice(String message, boolean error) {
        notice.setText(message);
        notice.getStyleClass().remove("audit-error");
        ((FontIcon) notice.getGraphic()).setIconCode(error ? Material2AL.ERROR_OUTLINE : Material2AL.CHECK_CIRCLE);
        notice.getGraphic().setVisible(!message.isEmpty());
        if (error) {
            notice.getStyleClass().add("audit-error");
        }
    }

    private void showDetail(AuditRow row) {
        detail.setVisible(row != null);
        detailPlaceholder.setVisible(row == null);
        if (row == null) {
            detail.clear();
            return;
        }
        detail.setText(text.details(row));
        detail.positionCaret(0);
        detail.setScrollTop(0);
    }

    private void export(ExportFormat format) {
        List<AuditRow> rows = List.copyOf(table.getItems());
        if (rows.isEmpty()) {
            notice("Nothing to export: no rows shown.", true);
            return;
        }
        Window owner = root.getScene() == null ? null : root.getScene().getWindow();
        Path file = exportTarget.choose(owner, format);
        if (file == null) {
            return;
        }
        notice("Exporting " + Formats.count(rows.size()) + " rows…", false);
        FxThread.whenDone(audit.export(rows, format, file), (done, failure) -> notice(failure == null
                ? "Exported " + Formats.count(rows.size()) + " rows to " + file
                : "Export to " + file + " failed: " + FxThread.message(failure), failure != null));
    }

    private Node filterBar() {
        textFilter.setId("audit-text");
        textFilter.setPromptText("Search text, keys, bodies, messages");
        textFilter.setTooltip(new Tooltip("Case-insensitive text searched in every column and in the bodies sent "
                + "(Ctrl+F)"));
        textFilter.setAccessibleText("Audit text search");
        textFilter.setPrefColumnCount(22);
        HBox.setHgrow(textFilter, Priority.SOMETIMES);

        subjectFilter.setId("audit-subject");
        subjectFilter.setPromptText("Subject, e.g. alerts.prod.>");
        subjectFilter.setTooltip(new Tooltip("NATS subject pattern (* one token, > the rest). Operator actions and "
                + "config loads have no subject, so a subject filter shows forwarded events only."));
        subjectFilter.setAccessibleText("Audit subject pattern");
        subjectFilter.setPrefColumnCount(16);
        subjectFilter.getStyleClass().add("audit-subject");

        kindFilter.setId("audit-kind");
        kindFilter.getItems().setAll(KINDS);
        kindFilter.setConverter(converter(KindChoice::label, KINDS));
        kindFilter.setValue(KINDS.get(0));
        kindFilter.setTooltip(new Tooltip("Which kind of audit row to show"));
        kindFilter.setAccessibleText("Audit row kind");

        rangeFilter.setId("audit-range");
        rangeFilter.getItems().setAll(Range.values());
        rangeFilter.setConverter(converter(r -> r.label, List.of(Range.values())));
        rangeFilter.setValue(Range.LAST_DAY);
        rangeFilter.setTooltip(new Tooltip("How far back to look"));
        rangeFilter.setAccessibleText("Audit time range");

        refresh.setId("audit-refresh");
        refresh.setTooltip(new Tooltip("Search again now (the view also refreshes every "
                + REFRESH_PERIOD.toSeconds() + " s while shown)"));
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        refresh.setOnAction(e -> {
            chain.check(true);
            refresh();
        });

        export.setId("audit-export");
        MenuItem csv = new MenuItem("CSV…");
        csv.setId("audit-export-csv");
        csv.setOnAction(e -> export(ExportFormat.CSV));
        MenuItem jsonl = new MenuItem("JSON Lines…");
        jsonl.setId("audit-export-jsonl");
        jsonl.setOnAction(e -> export(ExportFormat.JSONL));
        export.getItems().setAll(csv, jsonl);
        export.setTooltip(new Tooltip("Save the rows shown (with their bodies and attempts) as CSV or JSON Lines"));
        export.setMinWidth(Region.USE_PREF_SIZE);

        notice.setId("audit-notice");
        notice.setGraphic(new FontIcon(Material2AL.CHECK_CIRCLE));
        notice.getGraphic().setVisible(false);
        notice.getStyleClass().add("audit-notice");
        notice.setTooltip(new Tooltip("Result of the last export or search problem"));
        notice.setMinWidth(0);

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, textFilter, subjectFilter, kindFilter, rangeFilter, refresh, export, spacer, notice,
                chain.node());
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("audit-filters");
        return bar;
    }

    private static <T> StringConverter<T> converter(Function<T, String> label, List<T> values) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : label.apply(value);
            }

            @Override
            public T fromString(String string) {
                return values.stream().filter(v -> label.apply(v).equals(string)).findFirst().orElse(null);
            }
        };
    }

    private Node tableSection() {
        table.setId("audit-table");
        table.getStyleClass().addAll("audit-table", Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setAccessibleText("Audit rows, newest first");
        table.setTooltip(new Tooltip("Newest first. Select a row to see it in full."));
        tablePlaceholder.setId("audit-placeholder");
        tablePlaceholder.getStyleClass().add("placeholder-text");
        tablePlaceholder.setWrapText(true);
        tablePlaceholder.setMaxWidth(460);
        tablePlaceholder.setText(placeholderText());
        table.setPlaceholder(tablePlaceholder);

        TableColumn<AuditRow, String> time = column("Time", 110, row -> TIME.format(row.at()));
        time.getStyleClass().add("mono");
        TableColumn<AuditRow, String> kind = column("Kind", 100, AuditText::kind);
        kind.setCellFactory(c -> iconCell(row -> switch (row.kind()) {
            case FORWARDED -> Material2MZ.SEND;
            case ACTION -> Material2MZ.PERSON;
            case CONFIG -> Material2MZ.SETTINGS;
        }, false));
        TableColumn<AuditRow, String> subject = column("Subject / who", 190, AuditText::subject);
        TableColumn<AuditRow, String> rule = column("Rule / action", 150, AuditText::ruleOrAction);
        TableColumn<AuditRow, String> key = column("dedup_key / target", 170, AuditText::keyOrTarget);
        TableColumn<AuditRow, String> state = column("State / result", 110, AuditText::state);
        state.setCellFactory(c -> iconCell(row -> AuditText.problem(row) ? Material2AL.ERROR_OUTLINE : null, true));
        TableColumn<AuditRow, String> status = column("Status / message", 220,
                row -> Formats.oneLine(AuditText.statusAndMessage(row), 200));
        TableColumn<AuditRow, String> incident = column("Incident", 120, this::incident);
        incident.setId("audit-incident-column");
        table.getColumns().setAll(List.of(time, kind, subject, rule, key, state, incident, status));

        count.setId("audit-count");
        count.getStyleClass().add("section-hint");
        count.setMinWidth(Region.USE_PREF_SIZE);
        HBox header = new HBox(10, Sections.title("Audit trail", Material2MZ.RECEIPT_LONG), count);
        return Sections.section(header, table);
    }

    private Node detailSection() {
        detail.setId("audit-detail");
        detail.setEditable(false);
        detail.setWrapText(false);
        detail.getStyleClass().add("detail-text");
        detail.setAccessibleText("Selected audit row in full");
        detailPlaceholder.getStyleClass().add("placeholder-text");
        detailPlaceholder.setWrapText(true);
        detailPlaceholder.setMaxWidth(380);
        StackPane body = new StackPane(detail, detailPlaceholder);
        return Sections.section(new HBox(10, Sections.title("Details", Material2AL.DESCRIPTION)), body);
    }

    /** "#12 acknowledged" for a forwarded event whose dedup_key the incident desk has seen; blank otherwise. */
    private String incident(AuditRow row) {
        if (row.kind() != AuditKind.FORWARDED) {
            return "";
        }
        String key = row.pagerDutyDedupKey() != null ? row.pagerDutyDedupKey() : row.dedupKey();
        return incidentOf.apply(key).map(ref -> "#" + ref.number() + " " + ref.status()).orElse("");
    }

    private static TableColumn<AuditRow, String> column(String name, double width, Function<AuditRow, String> value) {
        TableColumn<AuditRow, String> column = new TableColumn<>(name);
        column.setPrefWidth(width);
        column.setSortable(false); // newest first is the order that matters; a re-sort would fight auto-refresh
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(Formats.oneLine(value.apply(cell.getValue()),
                300)));
        return column;
    }

    /** Text with an icon beside it (kind, or a problem marker), so meaning never rests on colour alone. */
    private static TableCell<AuditRow, String> iconCell(Function<AuditRow, Ikon> icon, boolean markProblem) {
        return new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                AuditRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                getStyleClass().remove("audit-problem");
                if (row == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(item);
                Ikon ikon = icon.apply(row);
                setGraphic(ikon == null ? null : new FontIcon(ikon));
                if (markProblem && AuditText.problem(row)) {
                    getStyleClass().add("audit-problem");
                }
            }
        };
    }
}
