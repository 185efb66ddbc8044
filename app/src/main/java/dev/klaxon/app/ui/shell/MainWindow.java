package dev.klaxon.app.ui.shell;

import dev.klaxon.app.backend.ConsoleBackend;
import dev.klaxon.app.feed.FloodPicture;
import dev.klaxon.app.feed.LiveFeed;
import dev.klaxon.app.outlets.AlertOutlets;
import dev.klaxon.app.prefs.Theme;
import dev.klaxon.app.ui.audit.AuditView;
import dev.klaxon.app.ui.command.CommandPalette;
import dev.klaxon.app.ui.command.ConsoleCommand;
import dev.klaxon.app.ui.command.ConsoleCommands;
import dev.klaxon.app.ui.command.KeyTrigger;
import dev.klaxon.app.ui.command.OverlayHost;
import dev.klaxon.app.ui.command.ShortcutsOverlay;
import dev.klaxon.app.ui.command.TableNavigation;
import dev.klaxon.app.ui.common.ConsoleView;
import dev.klaxon.app.ui.common.Frame;
import dev.klaxon.app.ui.common.LiveRates;
import dev.klaxon.app.ui.deadletters.DeadLetterView;
import dev.klaxon.app.ui.flood.FloodView;
import dev.klaxon.app.ui.incidents.IncidentsPane;
import dev.klaxon.app.ui.live.LiveView;
import dev.klaxon.app.ui.notify.AlertCenter;
import dev.klaxon.app.ui.rules.RulesView;
import dev.klaxon.app.ui.settings.SettingsView;
import dev.klaxon.app.ui.silences.SilencesView;
import dev.klaxon.app.ui.team.TeamView;
import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.guard.FloodStatus;
import dev.klaxon.incidents.DeskSnapshot;
import dev.klaxon.incidents.DeskState;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/**
 * The console's window. It only places things: the toolbar and banners on top, the shown view in the middle, the
 * status bar under it, overlays (palette, shortcuts, toasts) above all. Views come in a list, and the window treats
 * them all alike through {@link ConsoleView}: a switch button and Ctrl+n each, their own commands, and each frame's
 * data.
 *
 * <p>Data flow is one way and never blocks the FX thread: a {@link LiveFeed} reads the backend on its own thread
 * and keeps only the newest snapshot and tail; an {@link AnimationTimer} looks at them once per frame and hands one
 * {@link Frame} to the status bar, the alerts and every view.
 */
public final class MainWindow {
    /** How often the engine is read. Five times a second is live to the eye and costs the engine nothing. */
    public static final Duration POLL_PERIOD = Duration.ofMillis(200);

    /**
     * @param sourceLabel   where the config comes from, shown in the toolbar ("demo" or a path)
     * @param waitingHint   what the empty subjects table says, e.g. the subjects and server listened to
     */
    public record Options(String sourceLabel, String waitingHint, Theme theme) {
        public Options {
            Objects.requireNonNull(theme, "theme");
        }
    }

    private final ConsoleBackend backend;
    private final LiveFeed feed;
    private final LiveRates rates = new LiveRates();
    private final AlertCenter alerts;
    private final StatusBar status = new StatusBar();
    private final Banners banners = new Banners();
    private final IncidentsPane incidents;
    private final LiveView live;
    private final ViewSwitcher switcher;
    private final TopBar topBar;
    private final BorderPane root = new BorderPane();
    private final AnimationTimer frames;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme");
    private final ConsoleCommands commands = new ConsoleCommands();
    private final OverlayHost overlays = new OverlayHost(root);
    private final CommandPalette palette;
    private final ShortcutsOverlay shortcuts;

    private EngineSnapshot lastSnapshot;
    private String lastFailure;

    /** @param backend the engine and PagerDuty; its owner starts and closes them, this window only reads and acts */
    public MainWindow(ConsoleBackend backend, Options options) {
        this(backend, options, AlertOutlets.system());
    }

    /** @param alertOutlets where alerts go besides the window's toasts (the desktop, a sound); closed with the window */
    public MainWindow(ConsoleBackend backend, Options options, AlertOutlets alertOutlets) {
        this.backend = backend;
        this.feed = new LiveFeed(backend.live(), POLL_PERIOD);
        this.alerts = new AlertCenter(Clock.systemDefaultZone(), alertOutlets);
        this.theme.set(options.theme());
        this.incidents = new IncidentsPane(backend.incidents(), Clock.systemUTC());
        // Without a token the panel only holds a message: the subjects get the room.
        double incidentsShare = backend.incidents().snapshot().state() == DeskState.NOT_CONFIGURED ? 0.18 : 0.38;
        this.live = new LiveView(backend.actions(), rates, feed::watch, incidents.node(), incidentsShare,
                options.waitingHint(), banners::showActionResult);
        List<ConsoleView> views = List.of(
                live,
                new AuditView(backend.audit(), backend.incidents()::incidentFor, Clock.systemDefaultZone()),
                new DeadLetterView(backend.deadLetters()),
                new SilencesView(backend.silences(), Clock.systemUTC()),
                new FloodView(backend.actions(), rates, banners::showActionResult),
                new RulesView(backend.rules()),
                new SettingsView(backend.settings()),
                new TeamView(backend.team(), text -> banners.showActionResult("Team", text)));
        this.switcher = new ViewSwitcher(views, root::setCenter);
        this.topBar = new TopBar(options.sourceLabel(), switcher, alerts.control(), theme);
        status.onDeadLetters(() -> show(DeadLetterView.class));
        status.onTeam(() -> show(TeamView.class));

        root.getStyleClass().add("klaxon-console");
        root.setTop(new VBox(topBar.node(), banners.node()));
        root.setBottom(status.node());
        overlays.addLayer(alerts.toasts());
        palette = new CommandPalette(overlays, commands, live::knownSubjects, this::selectSubject);
        shortcuts = new ShortcutsOverlay(overlays, commands);
        registerCommands();

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

    /** Starts reading the engine and painting; call once the window is in a scene. */
    public void start() {
        feed.start();
        frames.start();
    }

    public void stop() {
        frames.stop();
        feed.close();
        switcher.views().forEach(ConsoleView::close);
        alerts.close();
    }

    /** The views in the switch's order (Ctrl+1 is the first). */
    public List<ConsoleView> views() {
        return switcher.views();
    }

    /** Shows the view of this type, as its button or Ctrl+n does. */
    public void show(Class<? extends ConsoleView> type) {
        switcher.show(view(type));
    }

    /** True while the view of this type is the one shown. */
    public boolean showing(Class<? extends ConsoleView> type) {
        return type.isInstance(switcher.shown());
    }

    /** The window's view of this type, e.g. to point the audit's export at a file without a native dialog. */
    public <T extends ConsoleView> T view(Class<T> type) {
        return switcher.views().stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no view " + type.getSimpleName()));
    }

    /** The rates of the last 15 minutes the window records, behind the flood chart and the sparklines. */
    public LiveRates rates() {
        return rates;
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

    /** Paused: the live view stops applying frames; the engine keeps counting. */
    public BooleanProperty pausedProperty() {
        return live.pausedProperty();
    }

    /** A dismissible information banner under the toolbar (e.g. "wrote a default config to ..."). */
    public void showInfo(String title, String text) {
        banners.showInfo(title, text);
    }

    /** A dismissible warning banner under the toolbar (e.g. "secret file ... is readable by others"). */
    public void showWarning(String title, String text) {
        banners.showWarning(title, text);
    }

    /** Keyboard: every registered command's key, from wherever the focus is that the command allows. */
    public void installShortcuts(Scene scene) {
        commands.install(scene, overlays::isOpen);
    }

    /** The registry behind the keys, the palette and the "?" overlay. */
    public ConsoleCommands commands() {
        return commands;
    }

    /**
     * Shows the live view with this subject selected and its tail followed. Asked for by name, it wins over a
     * filter that hides it.
     */
    public void selectSubject(String subject) {
        switcher.show(live);
        live.selectSubject(subject);
    }

    /** The splits, tables, theme and sound choice whose state survives a restart. */
    public LayoutMemory.Parts layoutParts() {
        Map<String, SplitPane> splits = new LinkedHashMap<>();
        Map<String, TableView<?>> tables = new LinkedHashMap<>();
        tables.put(incidents.table().getId(), incidents.table());
        for (ConsoleView view : switcher.views()) {
            splits.putAll(view.rememberedSplits());
            view.rememberedTables().forEach(table -> tables.put(table.getId(), table));
        }
        return new LayoutMemory.Parts(Map.copyOf(splits), tables, theme, alerts.soundProperty());
    }

    /**
     * The console's commands, in the order the "?" overlay lists them; the key handling, the command palette (Ctrl+K)
     * and that overlay all read this one list. The window registers what belongs to no one view; each view and the
     * incidents panel register their own.
     */
    private void registerCommands() {
        BooleanSupplier always = () -> true;
        List<ConsoleView> views = switcher.views();
        for (int i = 0; i < views.size(); i++) {
            ConsoleView view = views.get(i);
            int n = ViewSwitcher.keyNumber(i);
            commands.add("view." + n, "Views", "View: " + view.info().title(), ConsoleCommand.ANYWHERE,
                    () -> switcher.show(view), always,
                    KeyTrigger.of(KeyTrigger.shortcut(KeyCode.valueOf("DIGIT" + n))),
                    KeyTrigger.alias(KeyTrigger.shortcut(KeyCode.valueOf("NUMPAD" + n))));
        }
        commands.add("incidents.focus", "Views", "Incidents: put the keyboard on them (a / r / e act there)",
                ConsoleCommand.ANYWHERE, this::focusIncidents, always, KeyTrigger.of(KeyTrigger.shortcut(KeyCode.I)));

        BooleanSupplier filterable = () -> switcher.shown().filterField() != null;
        String needsFilter = "Open the live view (Ctrl+1) or the audit (Ctrl+2): they have a filter.";
        commands.add("filter.focus", "Live view", "Filter the shown view", needsFilter, ConsoleCommand.ANYWHERE,
                this::focusFilter, filterable, KeyTrigger.typed("/"));
        commands.add("find", "Live view", "Find: in the message while the keyboard is in the message detail, "
                + "else filter", needsFilter, ConsoleCommand.ANYWHERE, this::focusFilterOrSearch, filterable,
                KeyTrigger.of(KeyTrigger.shortcut(KeyCode.F)));
        // The incidents sit in the live view, so their keys are listed right after the live view's.
        live.registerCommands(commands, () -> switcher.shown() == live);
        incidents.registerCommands(commands);
        for (ConsoleView view : views) {
            if (view != live) {
                view.registerCommands(commands, () -> switcher.shown() == view);
            }
        }

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
                ConsoleCommand.ANYWHERE, topBar::switchTheme, always);
    }

    private Node focusOwner() {
        Scene scene = root.getScene();
        return scene == null ? null : scene.getFocusOwner();
    }

    private void focusIncidents() {
        switcher.show(live);
        incidents.table().requestFocus();
    }

    /** Ctrl+F: the message's own search while the keyboard is in the message detail ("/" stays the filter). */
    private void focusFilterOrSearch() {
        if (switcher.shown() == live && live.searchesMessage(focusOwner())) {
            live.focusMessageSearch();
        } else {
            focusFilter();
        }
    }

    private void focusFilter() {
        TextInputControl field = switcher.shown().filterField();
        if (field != null) {
            field.requestFocus();
            field.selectAll();
        }
    }

    /** One frame: the newest of everything read, handed to every part of the window at once. */
    private void applyFrame(long now) {
        DeskSnapshot desk = backend.incidents().snapshot(); // one look per frame: the panel and the alerts agree
        incidents.apply(desk);
        EngineSnapshot snapshot = feed.latestSnapshot();
        boolean isNew = snapshot != null && snapshot != lastSnapshot;
        FloodPicture flooding = feed.latestFloodPicture();
        List<FloodStatus> floods = flooding.floods();
        if (isNew) {
            lastSnapshot = snapshot;
            status.show(snapshot);
            banners.showStorage(snapshot.storage());
            banners.showTeam(snapshot.team());
            banners.showReload(snapshot.lastReload());
            rates.record(snapshot);
        }
        // Alerts keep coming while the view is paused: pausing freezes what is shown, not what needs a person.
        alerts.apply(desk, snapshot == null ? null : floods);
        String failure = feed.failure();
        if (!Objects.equals(failure, lastFailure)) {
            lastFailure = failure;
            status.showFeedProblem(failure);
        }
        Frame frame = new Frame(now, snapshot, isNew, flooding, feed.latestTail(), desk);
        for (ConsoleView view : switcher.views()) {
            view.onFrame(frame);
        }
    }
}
