package dev.klaxon.app.ui.incidents;

import atlantafx.base.theme.Styles;
import dev.klaxon.app.backend.IncidentsBackend;
import dev.klaxon.app.ui.command.ConsoleCommand;
import dev.klaxon.app.ui.command.ConsoleCommands;
import dev.klaxon.app.ui.command.KeyTrigger;
import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.app.ui.common.FxThread;
import dev.klaxon.app.ui.common.SafeText;
import dev.klaxon.app.ui.common.Sections;
import dev.klaxon.app.ui.common.WordsWhenWide;
import dev.klaxon.pagerduty.rest.EscalationStep;
import dev.klaxon.incidents.ActionResult;
import dev.klaxon.incidents.DeskSnapshot;
import dev.klaxon.incidents.DeskState;
import dev.klaxon.pagerduty.rest.IncidentStatus;
import dev.klaxon.pagerduty.rest.IncidentSummary;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
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
 * Open PagerDuty incidents beside the live view, with acknowledge, resolve, escalate, snooze, note and open in the
 * browser on the selected rows (buttons, or a / r / e / z / n / o while the table has the focus; those keys are among
 * {@link MainWindow}'s commands), and the selected incident in full underneath ({@link IncidentDetails}). The
 * backend's incident desk polls and acts on its own thread; this pane
 * only applies the desk's newest snapshot (once per frame, from the main window) and shows each action's progress and
 * outcome when its future completes. The desk's state (not configured, failing, rate limited) is said in words above
 * the table, so a quiet table never looks like "no incidents" when it means "cannot tell". FX thread only.
 */
public final class IncidentsPane {
    /** Below this panel width the action buttons show their icons only. */
    private static final double WORDS_FROM = 400;

    private final IncidentsBackend incidents;
    private final Clock clock;
    private final IncidentPrompts prompts;
    private final ObservableList<IncidentSummary> rows = FXCollections.observableArrayList();
    private final TableView<IncidentSummary> table = new TableView<>(rows);
    private final Label count = new Label();
    private final Label state = new Label();
    private final Label progress = new Label();
    private final ProgressIndicator spinner = new ProgressIndicator();
    private final Button acknowledge = action("incident-acknowledge", "Ack  a", Material2AL.CHECK,
            "Acknowledge the selected incidents (a)");
    private final Button resolve = action("incident-resolve", "Resolve  r", Material2AL.DONE_ALL,
            "Resolve the selected incidents, with a resolution note (r)");
    private final Button escalate = action("incident-escalate", "Escalate  e", Material2AL.ARROW_UPWARD,
            "Escalate the selected incident to another level of its escalation policy (e)");
    private final Button snooze = action("incident-snooze", "Snooze  z", Material2MZ.SNOOZE,
            "Snooze the selected acknowledged incident for 1h, 4h, 8h, 24h or a custom time (z)");
    private final Button note = action("incident-note", "Note  n", Material2AL.COMMENT,
            "Add a note to the selected incident's timeline on PagerDuty (n)");
    private final Button open = action("incident-open", "Open  o", Material2AL.LAUNCH,
            "Open the selected incident on PagerDuty in the browser (o)");
    private final IncidentDetails details;
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final VBox root;
    private DeskSnapshot shown;
    private String notConfiguredText;

    private final Node actionBar;

    private final Label simulated = new Label();

    public IncidentsPane(IncidentsBackend incidents, Clock clock) {
        this.incidents = incidents;
        this.clock = clock;
        this.prompts = new IncidentPrompts(table);
        this.details = new IncidentDetails(clock);
        actionBar = buttons();
        root = new VBox(header(), state, actionBar, progressLine(), table, details.node());
        root.getStyleClass().addAll("section", "incidents-pane");
        VBox.setVgrow(table, Priority.ALWAYS);
        setUpTable();
        details.lookUpSubjectsWith(incidents::linkedSubjects);
        apply(incidents.snapshot());
    }

    public Node node() {
        return root;
    }

    /** The panel's keys, which work while its table has the keyboard (Ctrl+I puts it there). */
    public void registerCommands(ConsoleCommands commands) {
        String inIncidents = "Incidents";
        BooleanSupplier chosen = () -> !table.getSelectionModel().isEmpty();
        Predicate<Node> here = ConsoleCommand.focused(table);
        String needs = "Select an incident first (Ctrl+I puts the keyboard on them).";
        commands.add("incident.acknowledge", inIncidents, "Acknowledge the selected incidents", needs, here,
                this::acknowledgeSelected, chosen, KeyTrigger.of(KeyTrigger.key(KeyCode.A)));
        commands.add("incident.resolve", inIncidents, "Resolve the selected incidents…", needs, here,
                this::resolveSelected, chosen, KeyTrigger.of(KeyTrigger.key(KeyCode.R)));
        commands.add("incident.escalate", inIncidents, "Escalate the selected incident…", needs, here,
                this::escalateSelected, chosen, KeyTrigger.of(KeyTrigger.key(KeyCode.E)));
        commands.add("incident.snooze", inIncidents, "Snooze the selected acknowledged incident…", needs, here,
                this::snoozeSelected, chosen, KeyTrigger.of(KeyTrigger.key(KeyCode.Z)));
        commands.add("incident.note", inIncidents, "Add a note to the selected incident…", needs, here,
                this::noteSelected, chosen, KeyTrigger.of(KeyTrigger.key(KeyCode.N)));
        commands.add("incident.open", inIncidents, "Open the selected incident in the browser", needs, here,
                this::openSelected, chosen, KeyTrigger.of(KeyTrigger.key(KeyCode.O)));
    }

    public TableView<IncidentSummary> table() {
        return table;
    }

    /**
     * Replaces the desk's "not configured" text, for runs where that state is expected rather than a mistake
     * (demo mode has no PagerDuty account).
     */
    /** The incidents come from a simulated PagerDuty (the demo): a badge says so, its tooltip where it runs. */
    public void simulated(String where) {
        simulated.setText("simulated PagerDuty");
        simulated.setTooltip(new Tooltip("These incidents live in a PagerDuty simulated on this laptop (" + where
                + ") for the demo: nobody is paged. With your own config they are your PagerDuty account's."));
        simulated.setVisible(true);
        simulated.setManaged(true);
    }

    public void explainNotConfigured(String text) {
        notConfiguredText = text;
        shown = null;
        apply(incidents.snapshot());
    }

    /** Shows {@code snapshot} if it is not the one already shown; cheap to call every frame. */
    public void apply(DeskSnapshot snapshot) {
        if (snapshot == shown) {
            return;
        }
        shown = snapshot;
        Set<String> selected = table.getSelectionModel().getSelectedItems().stream().map(IncidentSummary::id)
                .collect(Collectors.toSet());
        rows.setAll(snapshot.incidents());
        for (int i = 0; i < rows.size(); i++) {
            if (selected.contains(rows.get(i).id())) {
                table.getSelectionModel().select(i);
            }
        }
        count.setText(snapshot.state() == DeskState.NOT_CONFIGURED ? "" : rows.size() + " open"
                + (snapshot.truncated() ? " (more on PagerDuty)" : "")
                + (snapshot.fetchedAt() == null ? "" : " · updated " + Formats.seconds(snapshot.fetchedAt())));
        showState(snapshot);
        table.refresh(); // ages move on with every poll
        showDetails();
    }

    private void showDetails() {
        List<IncidentSummary> selected = selected();
        details.show(selected.size() == 1 ? selected.get(0) : null, shown);
    }

    private void showState(DeskSnapshot snapshot) {
        // Without a token there is nothing to act on: the buttons would only take width from the subjects.
        boolean actionable = snapshot.state() != DeskState.NOT_CONFIGURED;
        actionBar.setVisible(actionable);
        actionBar.setManaged(actionable);
        state.getStyleClass().removeIf(style -> style.startsWith("desk-"));
        state.getStyleClass().add("desk-" + snapshot.state().name().toLowerCase(java.util.Locale.ROOT));
        String text;
        Ikon icon;
        switch (snapshot.state()) {
            case NOT_CONFIGURED:
                text = notConfiguredText != null ? notConfiguredText : "Incidents are off. " + snapshot.message();
                icon = Material2AL.INFO;
                break;
            case STARTING:
                text = "Loading open incidents from PagerDuty…";
                icon = Material2MZ.SYNC;
                break;
            case FAILING:
                text = snapshot.message() + (snapshot.fetchedAt() == null ? ""
                        : ". Showing incidents as of " + Formats.seconds(snapshot.fetchedAt()) + ".");
                icon = Material2AL.CLOUD_OFF;
                break;
            case RATE_LIMITED:
                text = "Rate limited by PagerDuty: next refresh at " + Formats.seconds(snapshot.retryAt())
                        + "; actions wait until then."
                        + (snapshot.fetchedAt() == null ? "" : " Showing incidents as of "
                        + Formats.seconds(snapshot.fetchedAt()) + ".");
                icon = Material2MZ.TIMER;
                break;
            default:
                text = null;
                icon = null;
        }
        state.setText(text);
        state.setGraphic(icon == null ? null : new FontIcon(icon));
        state.setVisible(text != null);
        state.setManaged(text != null);
        table.setPlaceholder(placeholder(snapshot.state()));
    }

    private static Label placeholder(DeskState state) {
        Label label = new Label(switch (state) {
            case OK -> "No open incidents. Triggered and acknowledged incidents appear here.";
            case NOT_CONFIGURED -> "No incidents to show.";
            case STARTING -> "Loading…";
            case FAILING, RATE_LIMITED -> "No incidents known yet.";
        });
        label.setWrapText(true);
        label.setMaxWidth(300);
        label.getStyleClass().add("placeholder-text");
        return label;
    }

    // ---- actions ----

    public void acknowledgeSelected() {
        List<IncidentSummary> selected = selected();
        if (selected.isEmpty() || busy.get()) {
            return;
        }
        run(IncidentText.progress("Acknowledging", selected), selected,
                incidents.acknowledge(ids(selected)));
    }

    public void resolveSelected() {
        List<IncidentSummary> selected = selected();
        if (selected.isEmpty() || busy.get()) {
            return;
        }
        prompts.resolution(selected).ifPresent(note -> run(IncidentText.progress("Resolving", selected), selected,
                incidents.resolve(ids(selected), note.isEmpty() ? null : note)));
    }

    public void escalateSelected() {
        List<IncidentSummary> selected = selected();
        if (selected.size() > 1) {
            showProgress("Escalate works on one incident at a time: select a single row", Material2AL.INFO, false);
            return;
        }
        if (selected.isEmpty() || busy.get()) {
            return;
        }
        IncidentSummary incident = selected.get(0);
        EscalationStep step = EscalationStep.of(incident, shown == null ? List.of()
                : shown.onCalls().forService(incident.serviceId()));
        prompts.escalationLevel(incident, step).ifPresent(level -> run(IncidentText.progress("Escalating", selected),
                selected, incidents.escalate(incident.id(), level)));
    }

    public void snoozeSelected() {
        IncidentSummary incident = single("Snooze");
        if (incident == null) {
            return;
        }
        if (IncidentStatus.TRIGGERED.wire().equals(incident.status())) {
            // PagerDuty snoozes acknowledged incidents only: say so rather than send a call bound to fail.
            showProgress("PagerDuty only snoozes acknowledged incidents: press a to acknowledge #" + incident.number()
                    + " first", Material2AL.INFO, true);
            return;
        }
        prompts.snoozeDuration(incident).ifPresent(duration -> run(IncidentText.progress("Snoozing",
                List.of(incident)), List.of(incident), incidents.snooze(incident.id(), duration)));
    }

    public void noteSelected() {
        IncidentSummary incident = single("Adding a note");
        if (incident == null) {
            return;
        }
        prompts.note(incident).ifPresent(text -> run(IncidentText.progress("Adding a note to", List.of(incident)),
                List.of(incident), incidents.addNote(incident.id(), text)));
    }

    /** Opens the incident's page off the FX thread; only http(s) pages, whatever PagerDuty's answer said. */
    public void openSelected() {
        IncidentSummary incident = single("Open");
        if (incident == null) {
            return;
        }
        String url = incident.htmlUrl();
        if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
            showProgress("PagerDuty gave no web address for #" + incident.number(), Material2AL.INFO, true);
            return;
        }
        showProgress("Opening #" + incident.number() + " in the browser…", Material2AL.LAUNCH, false);
        FxThread.whenDone(incidents.openInBrowser(url), (done, failure) -> {
            if (failure != null) {
                showProgress("Could not open the browser (" + FxThread.message(failure) + "); the address is "
                        + SafeText.inline(url, 200), Material2AL.ERROR_OUTLINE, true);
            } else {
                showProgress("Opened #" + incident.number() + " in the browser", Material2AL.LAUNCH, false);
            }
        });
    }

    /** The one selected incident, or null after saying why nothing happens. */
    private IncidentSummary single(String verb) {
        List<IncidentSummary> selected = selected();
        if (selected.size() > 1) {
            showProgress(verb + " works on one incident at a time: select a single row", Material2AL.INFO, false);
            return null;
        }
        if (selected.isEmpty() || busy.get()) {
            return null;
        }
        return selected.get(0);
    }

    private void run(String what, List<IncidentSummary> acted, CompletableFuture<ActionResult> action) {
        busy.set(true);
        showProgress(what, null, false);
        Map<String, Integer> numbers = new HashMap<>();
        acted.forEach(incident -> numbers.put(incident.id(), incident.number()));
        FxThread.whenDone(action, (result, failure) -> {
            busy.set(false);
            if (failure != null) {
                showProgress("Failed: " + Formats.oneLine(String.valueOf(failure.getMessage()), 200),
                        Material2AL.ERROR_OUTLINE, true);
            } else {
                showProgress(IncidentText.result(result, numbers),
                        result.allOk() ? Material2AL.CHECK_CIRCLE : Material2AL.ERROR_OUTLINE, !result.allOk());
            }
            apply(incidents.snapshot());
        });
    }

    private void showProgress(String text, Ikon icon, boolean failed) {
        progress.setText(text);
        progress.setGraphic(icon == null ? null : new FontIcon(icon));
        progress.getStyleClass().remove("action-failed");
        if (failed) {
            progress.getStyleClass().add("action-failed");
        }
        progress.getParent().setVisible(true);
        progress.getParent().setManaged(true);
        progress.setTooltip(new Tooltip(text));
    }

    private List<IncidentSummary> selected() {
        return List.copyOf(table.getSelectionModel().getSelectedItems());
    }

    private static List<String> ids(List<IncidentSummary> incidents) {
        return incidents.stream().map(IncidentSummary::id).toList();
    }

    // ---- layout ----

    private Node header() {
        Label title = Sections.title("Incidents", Material2MZ.NOTIFICATIONS_ACTIVE);
        count.setId("incidents-count");
        count.getStyleClass().add("section-hint");
        Label keys = Sections.hint("Ctrl+I to focus");
        simulated.setId("incidents-simulated");
        simulated.getStyleClass().add("simulated-badge");
        simulated.setMinWidth(Region.USE_PREF_SIZE);
        simulated.setVisible(false);
        simulated.setManaged(false);
        HBox header = Sections.header(List.of(title, simulated, count), keys);
        state.setId("incidents-state");
        state.getStyleClass().add("desk-state");
        state.setWrapText(true);
        state.setMaxWidth(Double.MAX_VALUE);
        return header;
    }

    private Node buttons() {
        var none = Bindings.isEmpty(table.getSelectionModel().getSelectedItems());
        acknowledge.disableProperty().bind(none.or(busy));
        resolve.disableProperty().bind(none.or(busy));
        escalate.disableProperty().bind(Bindings.size(table.getSelectionModel().getSelectedItems()).isNotEqualTo(1)
                .or(busy));
        acknowledge.setOnAction(e -> acknowledgeSelected());
        resolve.setOnAction(e -> resolveSelected());
        escalate.setOnAction(e -> escalateSelected());
        var notOne = Bindings.size(table.getSelectionModel().getSelectedItems()).isNotEqualTo(1);
        snooze.disableProperty().bind(notOne.or(busy));
        note.disableProperty().bind(notOne.or(busy));
        open.disableProperty().bind(notOne);
        snooze.setOnAction(e -> snoozeSelected());
        note.setOnAction(e -> noteSelected());
        open.setOnAction(e -> openSelected());
        Button refresh = action("incident-refresh", null, Material2MZ.REFRESH, "Ask PagerDuty again now");
        refresh.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        refresh.setAccessibleText("Refresh incidents");
        refresh.setOnAction(e -> incidents.refreshNow());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox first = new HBox(8, acknowledge, resolve, escalate, spacer, refresh);
        first.setAlignment(Pos.CENTER_LEFT);
        HBox second = new HBox(8, snooze, note, open);
        second.setAlignment(Pos.CENTER_LEFT);
        // Two rows: the panel is narrow, and a cut-off button label would hide its key.
        VBox bar = new VBox(6, first, second);
        bar.getStyleClass().add("incident-actions");
        // Narrower still (a 1024-pixel window), the icons stay and the words go: their tooltips name the keys.
        WordsWhenWide.apply(bar, WORDS_FROM, List.of(acknowledge, resolve, escalate, snooze, note, open));
        return bar;
    }

    private Node progressLine() {
        progress.setId("incidents-progress");
        progress.setWrapText(true);
        progress.getStyleClass().add("incident-progress");
        spinner.setPrefSize(16, 16);
        spinner.setMaxSize(16, 16);
        spinner.visibleProperty().bind(busy);
        spinner.managedProperty().bind(busy);
        spinner.setAccessibleText("Working");
        HBox line = new HBox(8, spinner, progress);
        line.setAlignment(Pos.CENTER_LEFT);
        line.setVisible(false);
        line.setManaged(false);
        return line;
    }

    private static Button action(String id, String text, Ikon icon, String tip) {
        Button button = new Button(text, new FontIcon(icon));
        button.setId(id);
        button.setTooltip(new Tooltip(tip));
        button.setAccessibleText(tip);
        button.setFocusTraversable(false); // the keyboard stays on the table, where a / r / e work
        button.setMinWidth(Region.USE_PREF_SIZE);
        return button;
    }

    private void setUpTable() {
        table.setId("incidents-table");
        table.getStyleClass().add(Styles.DENSE);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setAccessibleText("Open PagerDuty incidents; a acknowledges, r resolves, e escalates, z snoozes, "
                + "n adds a note, o opens the selection in the browser");
        table.setTooltip(new Tooltip("Keys on the selection: a acknowledge · r resolve · e escalate · z snooze · "
                + "n note · o open in the browser"));
        table.getSelectionModel().getSelectedItems().addListener(
                (javafx.collections.ListChangeListener<IncidentSummary>) change -> showDetails());
        // What matters at 3 a.m. comes first and never shrinks: number, status, age. The incident column takes the
        // rest, with urgency, service and assignee under the title; each row's tooltip has it all in full.
        TableColumn<IncidentSummary, Integer> number = new TableColumn<>("#");
        number.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().number()));
        number.setMinWidth(44);
        number.setPrefWidth(48);
        number.getStyleClass().add("mono");
        TableColumn<IncidentSummary, String> status = column("Status", 136, IncidentSummary::status);
        status.setMinWidth(136);
        status.setCellFactory(c -> new StatusCell());
        TableColumn<IncidentSummary, String> title = column("Incident", 240, IncidentSummary::title);
        title.setCellFactory(c -> new TitleCell());
        TableColumn<IncidentSummary, String> age = column("Age", 64,
                incident -> IncidentText.age(incident.createdAt(), clock.instant()));
        age.setMinWidth(58);
        table.getColumns().setAll(List.of(number, status, title, age));
        table.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(IncidentSummary incident, boolean empty) {
                super.updateItem(incident, empty);
                setTooltip(empty || incident == null ? null : new Tooltip(IncidentText.tooltip(incident,
                        clock.instant(), shown == null ? List.of() : shown.onCalls().forService(incident.serviceId()))));
            }
        });
    }

    private static TableColumn<IncidentSummary, String> column(String name, double width,
                                                               Function<IncidentSummary, String> value) {
        TableColumn<IncidentSummary, String> column = new TableColumn<>(name);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(Formats.oneLine(value.apply(cell.getValue()),
                200)));
        return column;
    }

    /** The title, and under it the urgency, the service and who it is assigned to. */
    private static final class TitleCell extends TableCell<IncidentSummary, String> {
        private final Label title = new Label();
        private final Label meta = new Label();
        private final VBox lines = new VBox(1, title, meta);

        TitleCell() {
            meta.getStyleClass().add("incident-meta");
            title.getStyleClass().add("incident-title");
        }

        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            IncidentSummary incident = empty || getTableRow() == null ? null : getTableRow().getItem();
            if (incident == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            title.setText(text);
            meta.setText(IncidentText.meta(incident));
            setText(null);
            setGraphic(lines);
        }
    }

    /** The status in words with an icon, so colour is never the only signal. */
    private static final class StatusCell extends TableCell<IncidentSummary, String> {
        @Override
        protected void updateItem(String status, boolean empty) {
            super.updateItem(status, empty);
            getStyleClass().removeIf(style -> style.startsWith("incident-"));
            if (empty || status == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(status);
            boolean triggered = "triggered".equals(status);
            setGraphic(new FontIcon(triggered ? Material2MZ.NOTIFICATION_IMPORTANT : Material2AL.CHECK));
            getStyleClass().add(triggered ? "incident-triggered" : "incident-acknowledged");
        }
    }
}
