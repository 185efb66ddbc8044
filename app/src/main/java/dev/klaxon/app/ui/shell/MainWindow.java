package dev.klaxon.app.ui.shell;

import dev.klaxon.app.prefs.Theme;
import dev.klaxon.app.ui.audit.AuditView;
import dev.klaxon.app.ui.common.Background;
import dev.klaxon.app.ui.common.Sections;
import dev.klaxon.app.ui.deadletters.DeadLetterView;
import dev.klaxon.app.ui.flood.FloodView;
import dev.klaxon.app.ui.incidents.IncidentsPane;
import dev.klaxon.app.ui.incidents.LinkedSubjects;
import dev.klaxon.app.ui.live.DetailPane;
import dev.klaxon.app.ui.live.FilterBox;
import dev.klaxon.app.ui.live.LiveActions;
import dev.klaxon.app.ui.live.SubjectRow;
import dev.klaxon.app.ui.live.SubjectTable;
import dev.klaxon.app.ui.live.SubjectTree;
import dev.klaxon.app.ui.live.SubjectViews;
import dev.klaxon.app.ui.live.TailPane;
import dev.klaxon.app.ui.rules.RulesView;
import dev.klaxon.app.ui.settings.SettingsView;
import dev.klaxon.app.ui.silences.SilencesView;
import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.klaxon.app.feed.LiveFeed;
import dev.klaxon.app.backend.LiveSource;
import dev.klaxon.app.feed.TailUpdate;
import dev.klaxon.app.ui.notify.AlertCenter;
import dev.klaxon.app.ui.notify.AlertOutlets;
import dev.klaxon.app.ui.command.CommandPalette;
import dev.klaxon.app.ui.command.ConsoleCommand;
import dev.klaxon.app.ui.command.ConsoleCommands;
import dev.klaxon.app.ui.command.KeyTrigger;
import dev.klaxon.app.ui.command.OverlayHost;
import dev.klaxon.app.ui.command.ShortcutsOverlay;
import dev.klaxon.app.ui.command.TableNavigation;
import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.incidents.DeskSnapshot;
import dev.klaxon.incidents.DeskState;
import dev.klaxon.incidents.IncidentDesk;
import dev.klaxon.stats.LiveStats;
import dev.klaxon.stats.SubjectSnapshot;
import dev.klaxon.stats.TailEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The console's main view: toolbar (Live/Audit/Dead letters/Silences switch, filter, pause, theme), then the live
 * view (subjects table, live tail and message detail, with PagerDuty incidents on the right; {@link LiveActions}
 * silences and escalates from it), the {@link AuditView}, the {@link DeadLetterView} or the {@link SilencesView}, and
 * the status bar under all of them.
 *
 * <p>Data flow is one way and never blocks the FX thread: a {@link LiveFeed} reads the engine on its own thread and
 * keeps only the newest snapshot and tail; an {@link AnimationTimer} looks at them once per frame and applies what
 * is new in a single batch. Pausing stops applying to the table and tail (the engine keeps counting, the status bar
 * stays live); resuming applies the newest snapshot on the next frame.
 */
public final class MainWindow {
    /** How often the engine is read. Five times a second is live to the eye and costs the engine nothing. */
    public static final Duration POLL_PERIOD = Duration.ofMillis(200);
    private static final PseudoClass PAUSED = PseudoClass.getPseudoClass("paused");

    /**
     * @param sourceLabel   where the config comes from, shown in the toolbar ("demo" or a path)
     * @param waitingHint   what the empty subjects table says, e.g. the subjects and server listened to
     */
    public record Options(String sourceLabel, String waitingHint, Theme theme) {
        public Options {
            Objects.requireNonNull(theme, "theme");
        }
    }

    private final LiveFeed feed;
    private final SubjectTable subjects;
    private final SubjectTree subjectTree = new SubjectTree();
    private final SubjectViews subjectViews;
    private final AlertCenter alerts;
    private final TailPane tail = new TailPane();
    private final DetailPane detail = new DetailPane();
    private final StatusBar status = new StatusBar();
    private final FilterBox filterBox = new FilterBox();
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused");
    private final VBox banners = new VBox();
    private final Label tailTitle = new Label();
    private final Button pauseButton = new Button();
    private final Button themeButton = new Button();
    private final ToggleButton liveButton = new ToggleButton("Live", new FontIcon(Material2AL.DYNAMIC_FEED));
    private final ToggleButton auditButton = new ToggleButton("Audit", new FontIcon(Material2MZ.RECEIPT_LONG));
    private final ToggleButton deadButton = new ToggleButton("Dead letters", new FontIcon(Material2AL.ERROR_OUTLINE));
    private final ToggleButton silencesButton = new ToggleButton("Silences",
            new FontIcon(Material2MZ.NOTIFICATIONS_OFF));
    private final ToggleButton floodButton = new ToggleButton("Flood", new FontIcon(Material2MZ.SHOW_CHART));
    private final ToggleButton rulesButton = new ToggleButton("Rules", new FontIcon(Material2AL.ALT_ROUTE));
    private final ToggleButton settingsButton = new ToggleButton("Settings", new FontIcon(Material2MZ.SETTINGS));
    private final ToggleGroup views = new ToggleGroup();
    private final AuditView audit;
    private final DeadLetterView deadLetters;
    private final Background background = new Background("klaxon-console-guards");
    private final SilencesView silences;
    private final FloodView flood;
    private final RulesView rules;
    private final SettingsView settings;
    private final IncidentDesk desk;
    private final IncidentsPane incidents;
    private final Node live;
    private final BorderPane root = new BorderPane();
    private final AnimationTimer frames;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme");
    private final LiveActions liveActions;
    private final Map<String, SplitPane> splits = new LinkedHashMap<>();
    private final ConsoleCommands commands = new ConsoleCommands();
    private final OverlayHost overlays = new OverlayHost(root);
    private final CommandPalette palette;
    private final ShortcutsOverlay shortcuts;

    private EngineSnapshot lastStatus;
    private EngineSnapshot lastApplied;
    private TailUpdate lastTail;
    private boolean tailPrimed;
    private boolean autoSelected;
    /** The operator picked a message: the detail keeps it even after it scrolls out of the engine's tail. */
    private boolean holding;
    private String lastFailure;
    private Message actionBanner;

    /** @param desk PagerDuty incidents; its owner starts and closes it, this window only reads and acts through it */
    public MainWindow(LiveSource source, IncidentDesk desk, Options options) {
        this(source, desk, options, AlertOutlets.system());
    }

    /** @param alertOutlets where alerts go besides the window's toasts (the desktop, a sound); closed with the window */
    public MainWindow(LiveSource source, IncidentDesk desk, Options options, AlertOutlets alertOutlets) {
        this.feed = new LiveFeed(source, POLL_PERIOD);
        this.subjects = new SubjectTable();
        this.subjectViews = new SubjectViews(subjects, subjectTree, tail::subject);
        this.alerts = new AlertCenter(Clock.systemDefaultZone(), alertOutlets);
        this.theme.set(options.theme());
        this.desk = desk;
        this.incidents = new IncidentsPane(desk, Clock.systemUTC());
        this.audit = new AuditView(source::searchAudit, key -> desk.snapshot().incidentFor(key),
                Clock.systemDefaultZone());
        this.deadLetters = new DeadLetterView(source);
        this.silences = new SilencesView(source, background, Clock.systemUTC());
        this.flood = new FloodView(source, background, this::showActionResult);
        subjects.showSparklines(flood.history(), flood.historyVersion());
        this.liveActions = new LiveActions(subjects, tail, source, background, this::showActionResult);
        liveActions.install();
        detail.onActions(liveActions::silenceMessage, liveActions::escalateMessage);
        incidents.useBackground(background, keys -> LinkedSubjects.find(source, keys));
        this.rules = new RulesView(source, background);
        this.settings = new SettingsView(source.config(), background);
        status.onDeadLetters(() -> showView(deadButton));
        subjects.setWaitingHint(options.waitingHint());

        root.getStyleClass().add("klaxon-console");
        root.setTop(new VBox(toolbar(options.sourceLabel()), banners));
        live = center();
        root.setCenter(live);
        root.setBottom(status.node());
        overlays.addLayer(alerts.toasts());

        filterBox.filter().addListener((obs, old, next) -> {
            subjects.setFilter(next);
            subjectTree.setFilter(next);
        });
        subjectTree.setOnFollow(subject -> {
            if (!subject.equals(tail.subject())) {
                follow(subject);
            }
        });
        subjects.selectedRow().addListener((obs, old, row) -> {
            // A row that disappears under a filter keeps its tail on screen: switching only on a new choice.
            if (row != null && !row.subject().equals(tail.subject())) {
                follow(row.subject());
            }
        });
        tail.selectedEntry().addListener((obs, old, entry) -> {
            if (entry != null) {
                holding = true;
                detail.show(entry, false);
            }
        });
        palette = new CommandPalette(overlays, commands, this::knownSubjects, this::selectSubject);
        shortcuts = new ShortcutsOverlay(overlays, commands);
        registerCommands();
        paused.addListener((obs, old, isPaused) -> showPaused(isPaused));
        showPaused(false);

        frames = new AnimationTimer() {
            @Override
            public void handle(long now) {
                applyFrame(now);
            }
        };
    }

    /** The window's content, with room on top for the command palette and the shortcuts overlay. */
    public Parent root() {
        return overlays.node();
    }

    /** Starts reading the engine and painting; call once the view is in a scene. */
    public void start() {
        feed.start();
        frames.start();
        focusTableOnceShown();
    }

    /**
     * Gives the keyboard to the subjects table (space pauses, "/" filters) rather than to the filter box, which the
     * scene would pick as its first focusable node and which would swallow both keys. The table only joins the
     * scene graph when its split pane gets a skin, so until then a focus request would be silently ignored.
     */
    private void focusTableOnceShown() {
        TableView<SubjectRow> table = subjects.node();
        if (table.getSkin() != null) {
            table.requestFocus();
            return;
        }
        table.skinProperty().addListener(new InvalidationListener() {
            @Override
            public void invalidated(Observable skin) {
                table.skinProperty().removeListener(this);
                Platform.runLater(table::requestFocus); // after this pulse's own initial-focus pass
            }
        });
    }

    public void stop() {
        frames.stop();
        feed.close();
        audit.close();
        deadLetters.close();
        silences.close();
        rules.close();
        background.close();
        alerts.close();
    }

    /** True while the audit view is shown instead of the live view. */
    public boolean showingAudit() {
        return auditButton.isSelected();
    }

    public void showAudit(boolean show) {
        showView(show ? auditButton : liveButton);
    }

    /** True while the dead letters are shown instead of the live view. */
    public boolean showingDeadLetters() {
        return deadButton.isSelected();
    }

    public void showDeadLetters() {
        showView(deadButton);
    }

    /** True while the silences are shown instead of the live view. */
    public boolean showingSilences() {
        return silencesButton.isSelected();
    }

    public void showSilences() {
        showView(silencesButton);
    }

    public SilencesView silences() {
        return silences;
    }

    /** True while the flood view (rates, budgets, floods) is shown instead of the live view. */
    public boolean showingFlood() {
        return floodButton.isSelected();
    }

    public void showFlood() {
        showView(floodButton);
    }

    public FloodView flood() {
        return flood;
    }

    /** Ctrl+6: the routing rules with live hit counts and a test box. */
    public void showRules() {
        showView(rulesButton);
    }

    public RulesView rules() {
        return rules;
    }

    /** Ctrl+7: connection and PagerDuty settings; in demo mode call {@code settings().readOnly(...)}. */
    public void showSettings() {
        showView(settingsButton);
    }

    public SettingsView settings() {
        return settings;
    }

    private void showView(ToggleButton view) {
        view.setSelected(true);
    }

    public IncidentsPane incidents() {
        return incidents;
    }

    /** New-incident and flood alerts: toasts, desktop notifications, sound, mute. */
    public AlertCenter alerts() {
        return alerts;
    }

    /** The status bar, e.g. for the console's own lag and frame rate. */
    public StatusBar statusBar() {
        return status;
    }

    public DeadLetterView deadLetters() {
        return deadLetters;
    }

    /** The audit view, e.g. to point its export at a file without a native dialog. */
    public AuditView audit() {
        return audit;
    }

    private void switchView(Toggle view) {
        boolean toAudit = view == auditButton;
        boolean toDead = view == deadButton;
        boolean toSilences = view == silencesButton;
        boolean toFlood = view == floodButton;
        boolean toRules = view == rulesButton;
        root.setCenter(toRules ? rules.node() : view == settingsButton ? settings.node()
                : toAudit ? audit.node() : toDead ? deadLetters.node() : toSilences ? silences.node()
                : toFlood ? flood.node() : live);
        rules.setActive(toRules);
        // The audit and the dead letters read SQLite every few seconds only while they are looked at.
        audit.setActive(toAudit);
        deadLetters.setActive(toDead);
        silences.setActive(toSilences);
        flood.setActive(toFlood);
        if (toAudit) {
            audit.textField().requestFocus();
        } else if (toDead) {
            deadLetters.table().requestFocus();
        } else if (toSilences) {
            silences.table().requestFocus();
        } else if (toFlood) {
            flood.node().requestFocus();
        } else if (toRules) {
            rules.table().requestFocus();
        } else if (view == settingsButton) {
            settings.serversField().requestFocus();
        } else {
            subjectViews.shown().requestFocus();
        }
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    /** A dismissible information banner under the toolbar (e.g. "wrote a default config to ..."). */
    public void showInfo(String title, String text) {
        Message message = new Message(title, text, new FontIcon(Material2AL.INFO));
        message.getStyleClass().add(Styles.ACCENT);
        message.setId("info-banner");
        message.setOnClose(event -> banners.getChildren().remove(message));
        banners.getChildren().add(message);
    }

    /** What an operator action just did; replaces the previous one, so results never pile up. */
    private void showActionResult(String title, String text) {
        banners.getChildren().remove(actionBanner);
        Message message = new Message(title, text, new FontIcon(Material2AL.CHECK_CIRCLE_OUTLINE));
        message.getStyleClass().add(Styles.SUCCESS);
        message.setId("action-banner");
        message.setOnClose(event -> banners.getChildren().remove(message));
        actionBanner = message;
        banners.getChildren().add(message);
    }

    /** Keyboard: every key of {@link #registerCommands}, from wherever the focus is that the command allows. */
    public void installShortcuts(Scene scene) {
        commands.install(scene, overlays::isOpen);
    }

    /**
     * The console's commands, in the order the "?" overlay lists them; the key handling, the command palette (Ctrl+K)
     * and that overlay all read this one list. A new view is one {@link #view} line, a new key one {@code add}.
     */
    private void registerCommands() {
        BooleanSupplier always = () -> true;
        BooleanSupplier liveShown = liveButton::isSelected;
        view(1, liveButton);
        view(2, auditButton);
        view(3, deadButton);
        view(4, silencesButton);
        view(5, floodButton);
        view(6, rulesButton);
        view(7, settingsButton);
        commands.add("incidents.focus", "Views", "Incidents: put the keyboard on them (a / r / e act there)",
                ConsoleCommand.ANYWHERE, this::focusIncidents, always, KeyTrigger.of(KeyTrigger.shortcut(KeyCode.I)));

        String live = "Live view";
        BooleanSupplier filterable = () -> liveButton.isSelected() || auditButton.isSelected();
        commands.add("filter.focus", live, "Filter the shown view", ConsoleCommand.ANYWHERE, this::focusFilter,
                filterable, KeyTrigger.typed("/"));
        commands.add("find", live, "Find: in the message while the keyboard is in the message detail, else filter",
                ConsoleCommand.ANYWHERE, this::focusFilterOrSearch, filterable,
                KeyTrigger.of(KeyTrigger.shortcut(KeyCode.F)));
        commands.add("live.pause", live, "Pause or resume the live view (the engine keeps counting)",
                ConsoleCommand.ANYWHERE, () -> paused.set(!paused.get()), liveShown,
                KeyTrigger.of(KeyTrigger.key(KeyCode.SPACE)));

        String inSubjects = "Subjects table";
        BooleanSupplier subjectChosen = () -> liveShown.getAsBoolean() && subjects.selectedRow().get() != null
                && !subjects.selectedRow().get().isOther();
        commands.add("subject.silence", inSubjects, "Silence the selected subject…",
                ConsoleCommand.focused(subjects.node()), liveActions::silenceSelectedSubject, subjectChosen,
                KeyTrigger.of(KeyTrigger.key(KeyCode.S)));
        commands.add("subject.release", inSubjects, "Release the selected subject's held triggers…",
                ConsoleCommand.focused(subjects.node()), liveActions::releaseSelectedSubject, subjectChosen,
                KeyTrigger.of(KeyTrigger.key(KeyCode.R)));

        String inTail = "Live tail";
        BooleanSupplier messageChosen = () -> liveShown.getAsBoolean() && tail.selectedEntry().get() != null;
        commands.add("message.silence", inTail, "Silence messages like the selected one…",
                ConsoleCommand.focused(tail.node()), liveActions::silenceSelectedMessage, messageChosen,
                KeyTrigger.of(KeyTrigger.key(KeyCode.S)));
        commands.add("message.escalate", inTail, "Escalate the selected message to PagerDuty…",
                ConsoleCommand.focused(tail.node()), liveActions::escalateSelectedMessage, messageChosen,
                KeyTrigger.of(KeyTrigger.key(KeyCode.E)));
        commands.add("message.follow", inTail, "Let go of the selected message and follow the newest again",
                ConsoleCommand.focused(tail.node()), this::followNewest,
                () -> liveShown.getAsBoolean() && holding, KeyTrigger.of(KeyTrigger.key(KeyCode.ESCAPE)));

        String inIncidents = "Incidents";
        BooleanSupplier incidentChosen = () -> !incidents.table().getSelectionModel().isEmpty();
        commands.add("incident.acknowledge", inIncidents, "Acknowledge the selected incidents",
                ConsoleCommand.focused(incidents.table()), incidents::acknowledgeSelected, incidentChosen,
                KeyTrigger.of(KeyTrigger.key(KeyCode.A)));
        commands.add("incident.resolve", inIncidents, "Resolve the selected incidents…",
                ConsoleCommand.focused(incidents.table()), incidents::resolveSelected, incidentChosen,
                KeyTrigger.of(KeyTrigger.key(KeyCode.R)));
        commands.add("incident.escalate", inIncidents, "Escalate the selected incident…",
                ConsoleCommand.focused(incidents.table()), incidents::escalateSelected, incidentChosen,
                KeyTrigger.of(KeyTrigger.key(KeyCode.E)));
        commands.add("incident.snooze", inIncidents, "Snooze the selected acknowledged incident…",
                ConsoleCommand.focused(incidents.table()), incidents::snoozeSelected, incidentChosen,
                KeyTrigger.of(KeyTrigger.key(KeyCode.Z)));
        commands.add("incident.note", inIncidents, "Add a note to the selected incident…",
                ConsoleCommand.focused(incidents.table()), incidents::noteSelected, incidentChosen,
                KeyTrigger.of(KeyTrigger.key(KeyCode.N)));
        commands.add("incident.open", inIncidents, "Open the selected incident in the browser",
                ConsoleCommand.focused(incidents.table()), incidents::openSelected, incidentChosen,
                KeyTrigger.of(KeyTrigger.key(KeyCode.O)));

        String inTables = "Any table";
        BooleanSupplier inTable = () -> TableNavigation.isTable(focusOwner());
        commands.add("table.next", inTables, "Next row", TableNavigation::isTable,
                () -> TableNavigation.move(focusOwner(), 1), inTable, KeyTrigger.of(KeyTrigger.key(KeyCode.J)));
        commands.add("table.previous", inTables, "Previous row", TableNavigation::isTable,
                () -> TableNavigation.move(focusOwner(), -1), inTable, KeyTrigger.of(KeyTrigger.key(KeyCode.K)));

        String general = "General";
        commands.add(CommandPalette.COMMAND_ID, general, "Command palette: find any command or subject",
                ConsoleCommand.ANYWHERE, palette::open, always, KeyTrigger.of(KeyTrigger.shortcut(KeyCode.K)));
        commands.add(ShortcutsOverlay.COMMAND_ID, general, "Show these keyboard shortcuts", ConsoleCommand.ANYWHERE,
                shortcuts::toggle, always, KeyTrigger.typed("?"));
        commands.add("theme.switch", general, "Switch between the dark and the light theme",
                ConsoleCommand.ANYWHERE, themeButton::fire, always);
    }

    /** A view on Ctrl+n (and the keypad's n), named after its button. */
    private void view(int n, ToggleButton button) {
        commands.add("view." + n, "Views", "View: " + button.getText(), ConsoleCommand.ANYWHERE,
                () -> showView(button), () -> true,
                KeyTrigger.of(KeyTrigger.shortcut(KeyCode.valueOf("DIGIT" + n))),
                KeyTrigger.alias(KeyTrigger.shortcut(KeyCode.valueOf("NUMPAD" + n))));
    }

    /** The registry behind the keys, the palette and the "?" overlay. */
    public ConsoleCommands commands() {
        return commands;
    }

    private Node focusOwner() {
        Scene scene = root.getScene();
        return scene == null ? null : scene.getFocusOwner();
    }

    private void focusIncidents() {
        showAudit(false);
        incidents.table().requestFocus();
    }

    private void followNewest() {
        tail.node().getSelectionModel().clearSelection();
        holding = false;
        detail.show(tail.newest(), true);
    }

    /** The subjects in the engine's latest snapshot (paused or not), without its buckets. */
    private List<String> knownSubjects() {
        EngineSnapshot snapshot = lastStatus;
        if (snapshot == null) {
            return List.of();
        }
        return snapshot.subjects().stream().map(SubjectSnapshot::subject)
                .filter(s -> !LiveStats.OTHER_SUBJECTS.equals(s) && !LiveStats.INVALID_SUBJECTS.equals(s)).toList();
    }

    /**
     * Shows the live view with this subject selected and its tail followed. Asked for by name, it wins over a
     * filter that hides it; while paused a subject newer than the frozen table is still followed.
     */
    public void selectSubject(String subject) {
        showView(liveButton);
        if (!subjects.select(subject) && !filterBox.field().getText().isEmpty()) {
            filterBox.field().clear();
            subjects.select(subject);
        }
        if (!subject.equals(tail.subject())) {
            follow(subject);
        }
        subjects.node().requestFocus();
    }

    /** The splits, tables and theme whose state survives a restart. */
    public LayoutMemory.Parts layoutParts() {
        Map<String, TableView<?>> tables = new LinkedHashMap<>();
        for (TableView<?> table : List.of(subjects.node(), tail.node(), incidents.table(), deadLetters.table(),
                silences.table())) {
            tables.put(table.getId(), table);
        }
        return new LayoutMemory.Parts(Map.copyOf(splits), tables, theme);
    }

    /** Ctrl+F: the message's own search while the keyboard is in the message detail ("/" stays the filter). */
    private void focusFilterOrSearch() {
        if (detail.hasFocusWithin(focusOwner())) {
            detail.focusSearch();
        } else {
            focusFilter();
        }
    }

    private void focusFilter() {
        if (showingDeadLetters() || showingSilences() || showingFlood() || rulesButton.isSelected()
                || settingsButton.isSelected()) {
            return; // nothing to filter there
        }
        TextInputControl field = showingAudit() ? audit.textField() : filterBox.field();
        field.requestFocus();
        field.selectAll();
    }

    private void follow(String subject) {
        tail.show(subject);
        detail.show(null);
        tailTitle.setText(subject);
        tailPrimed = false;
        holding = false;
        lastTail = null;
        feed.watch(subject);
    }

    /** One frame: at most one snapshot and one tail applied, whatever the message rate. */
    private void applyFrame(long now) {
        DeskSnapshot incidentsNow = desk.snapshot(); // one look per frame: the panel and the alerts agree
        incidents.apply(incidentsNow);
        EngineSnapshot snapshot = feed.latestSnapshot();
        if (snapshot != null && snapshot != lastStatus) {
            lastStatus = snapshot;
            status.show(snapshot);
            flood.record(snapshot, feed.latestFloods());
        }
        // Alerts keep coming while the view is paused: pausing freezes what is shown, not what needs a person.
        alerts.apply(incidentsNow, snapshot == null ? null : feed.latestFloods());
        String failure = feed.failure();
        if (!Objects.equals(failure, lastFailure)) {
            lastFailure = failure;
            status.showFeedProblem(failure);
        }
        if (!paused.get() && snapshot != null && snapshot != lastApplied) {
            lastApplied = snapshot;
            subjects.apply(snapshot, now);
            subjects.showFloods(feed.latestFloods());
            subjectTree.apply(snapshot, feed.latestFloods(), now);
            if (!autoSelected && !subjects.isEmpty()) {
                // Once, on the first data: follow the busiest subject so the tail is not empty at first sight.
                autoSelected = true;
                subjects.selectFirstIfNone();
            }
        }
        TailUpdate update = feed.latestTail();
        // While paused the tail is frozen, except that a newly selected subject gets its first picture.
        if (update != null && update != lastTail && (!paused.get() || !tailPrimed)) {
            lastTail = update;
            tail.apply(update);
            tailPrimed = tailPrimed || update.subject().equals(tail.subject());
            // Until the operator picks a message, the detail follows the newest one.
            TailEntry newest = tail.newest();
            if (!holding && newest != null && newest != detail.shown()) {
                detail.show(newest, true);
            }
        }
    }

    private void showPaused(boolean isPaused) {
        root.pseudoClassStateChanged(PAUSED, isPaused);
        pauseButton.setText(isPaused ? "Resume" : "Pause");
        ((FontIcon) pauseButton.getGraphic()).setIconCode(isPaused ? Material2MZ.PLAY_ARROW : Material2MZ.PAUSE);
        pauseButton.getStyleClass().remove(Styles.ACCENT);
        if (isPaused) {
            pauseButton.getStyleClass().add(Styles.ACCENT);
        }
    }

    private Node toolbar(String sourceLabel) {
        Label brand = new Label("Klaxon", new FontIcon(Material2MZ.NOTIFICATIONS_ACTIVE));
        brand.getStyleClass().addAll("brand", Styles.TITLE_4);
        brand.setMinWidth(Region.USE_PREF_SIZE);
        Label source = new Label(sourceLabel);
        source.setId("config-source");
        source.getStyleClass().add("source-chip");
        source.setTooltip(new Tooltip("Configuration in use"));
        source.setMaxWidth(280);

        Label pausedBadge = new Label("PAUSED — view frozen, engine still counting",
                new FontIcon(Material2MZ.PAUSE));
        pausedBadge.setId("paused-indicator");
        pausedBadge.getStyleClass().add("paused-badge");
        pausedBadge.setMinWidth(Region.USE_PREF_SIZE);
        pausedBadge.visibleProperty().bind(paused);
        pausedBadge.managedProperty().bind(paused);

        pauseButton.setId("pause-button");
        pauseButton.setGraphic(new FontIcon(Material2MZ.PAUSE));
        pauseButton.setTooltip(new Tooltip("Pause or resume the live view (Space). The engine keeps counting."));
        pauseButton.setMinWidth(Region.USE_PREF_SIZE);
        pauseButton.setFocusTraversable(false); // space belongs to the shortcut, not to a focused button
        pauseButton.setOnAction(e -> paused.set(!paused.get()));

        themeButton.setId("theme-button");
        themeButton.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        themeButton.setFocusTraversable(false);
        showThemeButton();
        themeButton.setOnAction(e -> {
            theme.set(theme.get().other());
            Themes.apply(theme.get());
            showThemeButton();
        });

        liveButton.setId("live-view-button");
        liveButton.setTooltip(new Tooltip("Live view: subjects, live tail and message detail (Ctrl+1)"));
        liveButton.getStyleClass().add(Styles.LEFT_PILL);
        auditButton.setId("audit-view-button");
        auditButton.setTooltip(new Tooltip("Audit view: forwarded pages, operator actions and config loads, "
                + "searchable and exportable (Ctrl+2)"));
        auditButton.getStyleClass().add(Styles.CENTER_PILL);
        deadButton.setId("dead-letters-view-button");
        deadButton.setTooltip(new Tooltip("Dead letters: events PagerDuty refused for good, with a Resend action "
                + "(Ctrl+3)"));
        deadButton.getStyleClass().add(Styles.CENTER_PILL);
        silencesButton.setId("silences-view-button");
        silencesButton.setTooltip(new Tooltip("Silences: what is silenced, until when and why; extend or expire "
                + "(Ctrl+4)"));
        silencesButton.getStyleClass().add(Styles.CENTER_PILL);
        floodButton.setId("flood-view-button");
        floodButton.setTooltip(new Tooltip("Flood: message rates of the last 15 minutes by subject or severity, "
                + "routing key budgets and subjects in flood with a Release action (Ctrl+5)"));
        floodButton.getStyleClass().add(Styles.CENTER_PILL);
        rulesButton.setId("rules-view-button");
        rulesButton.setTooltip(new Tooltip("Rules: routing rules in order with live hit counts; test a message "
                + "against them (Ctrl+6)"));
        rulesButton.getStyleClass().add(Styles.CENTER_PILL);
        settingsButton.setId("settings-view-button");
        settingsButton.setTooltip(new Tooltip("Settings: NATS servers and auth, PagerDuty region, token and routing "
                + "key references; test connections, save to the config file (Ctrl+7)"));
        settingsButton.getStyleClass().add(Styles.RIGHT_PILL);
        // Icons only: with their words the switch pushes the live view's pause button off a 1280-pixel toolbar.
        for (ToggleButton button : new ToggleButton[] {rulesButton, settingsButton}) {
            button.setAccessibleText(button.getText() + " view");
            button.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }
        for (ToggleButton button : new ToggleButton[] {liveButton, auditButton, deadButton, silencesButton,
                floodButton, rulesButton, settingsButton}) {
            button.setToggleGroup(views);
            button.setFocusTraversable(false);
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        liveButton.setSelected(true);
        views.selectedToggleProperty().addListener((obs, old, toggle) -> {
            if (toggle == null) {
                old.setSelected(true); // a segmented switch always has one side on
            } else {
                switchView(toggle);
            }
        });
        HBox switcher = new HBox(liveButton, auditButton, deadButton, silencesButton, floodButton, rulesButton,
                settingsButton);
        switcher.setMinWidth(Region.USE_PREF_SIZE);

        // The subject filter and pause belong to the live view: out of the way while the audit is shown.
        Node filter = filterBox.node();
        filter.visibleProperty().bind(liveButton.selectedProperty());
        filter.managedProperty().bind(liveButton.selectedProperty());
        pauseButton.visibleProperty().bind(liveButton.selectedProperty());
        pauseButton.managedProperty().bind(liveButton.selectedProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, brand, source, switcher, filter, spacer, pausedBadge, pauseButton, alerts.control(),
                themeButton);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("console-toolbar");
        return bar;
    }

    private void showThemeButton() {
        themeButton.setGraphic(new FontIcon(theme.get() == Theme.DARK ? Material2MZ.WB_SUNNY
                : Material2MZ.NIGHTS_STAY));
        themeButton.setTooltip(new Tooltip(theme.get() == Theme.DARK ? "Switch to the light theme"
                : "Switch to the dark theme"));
    }

    private Node center() {
        Label subjectsTitle = Sections.title("Subjects", Material2MZ.SUBJECT);
        Label subjectsCount = new Label();
        subjectsCount.setId("subjects-shown");
        subjectsCount.getStyleClass().add("section-hint");
        subjectsCount.textProperty().bind(Bindings.createStringBinding(
                () -> subjects.shownCount().get() == subjects.totalCount().get()
                        ? subjects.totalCount().get() + " shown"
                        : subjects.shownCount().get() + " of " + subjects.totalCount().get() + " shown",
                subjects.shownCount(), subjects.totalCount()));
        Label sortHint = new Label("click a header to sort · / to filter · Space to pause · S silences · "
                + "? all keys · Ctrl+K commands");
        sortHint.getStyleClass().add("section-hint");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        VBox subjectsBox = Sections.section(new HBox(10, subjectsTitle, subjectViews.toggle(), subjectsCount, spacer, sortHint),
                subjectViews.body());

        tailTitle.setId("tail-subject");
        tailTitle.getStyleClass().add("tail-subject");
        Label newest = new Label("newest first · S silence · E escalate");
        newest.getStyleClass().add("section-hint");
        newest.setMinWidth(Region.USE_PREF_SIZE); // the subject name shrinks first: it has a tooltip
        newest.setTooltip(new Tooltip("Select a message, then S silences messages like it and E escalates it to "
                + "PagerDuty by hand (also on the right-click menu)."));
        VBox tailBox = Sections.section(new HBox(10, Sections.title("Live tail", Material2MZ.VIEW_LIST), tailTitle, newest),
                tail.node());
        VBox detailBox = Sections.section(new HBox(10, Sections.title("Message", Material2AL.CODE), detail.modeLabel()),
                detail.node());

        SplitPane bottom = new SplitPane(tailBox, detailBox);
        bottom.setDividerPositions(0.44);
        splits.put("tail-detail", bottom);
        SplitPane main = new SplitPane(subjectsBox, bottom);
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(0.52);
        main.getStyleClass().add("console-split");
        splits.put("subjects-tail", main);
        SplitPane withIncidents = new SplitPane(main, incidents.node());
        // Without a token the panel only holds a message: the subjects get the room.
        withIncidents.setDividerPositions(desk.snapshot().state() == DeskState.NOT_CONFIGURED ? 0.82 : 0.62);
        withIncidents.getStyleClass().add("console-split");
        splits.put("live-incidents", withIncidents);
        return withIncidents;
    }
}
