package dev.klaxon.app.ui;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.klaxon.app.live.LiveFeed;
import dev.klaxon.app.live.LiveSource;
import dev.klaxon.app.live.TailUpdate;
import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.incidents.DeskState;
import dev.klaxon.incidents.IncidentDesk;
import dev.klaxon.stats.TailEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
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
    private final ToggleButton rulesButton = new ToggleButton("Rules", new FontIcon(Material2AL.ALT_ROUTE));
    private final ToggleButton settingsButton = new ToggleButton("Settings", new FontIcon(Material2MZ.SETTINGS));
    private final ToggleGroup views = new ToggleGroup();
    private final AuditView audit;
    private final DeadLetterView deadLetters;
    private final Background background = new Background("klaxon-console-guards");
    private final SilencesView silences;
    private final RulesView rules;
    private final SettingsView settings;
    private final IncidentDesk desk;
    private final IncidentsPane incidents;
    private final Node live;
    private final BorderPane root = new BorderPane();
    private final AnimationTimer frames;
    private Theme theme;

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
        this.feed = new LiveFeed(source, POLL_PERIOD);
        this.subjects = new SubjectTable();
        this.theme = options.theme();
        this.desk = desk;
        this.incidents = new IncidentsPane(desk, Clock.systemUTC());
        this.audit = new AuditView(source::searchAudit, key -> desk.snapshot().incidentFor(key),
                Clock.systemDefaultZone());
        this.deadLetters = new DeadLetterView(source);
        this.silences = new SilencesView(source, background, Clock.systemUTC());
        this.rules = new RulesView(source, background);
        this.settings = new SettingsView(source.config(), background);
        new LiveActions(subjects, tail, source, background, this::showActionResult).install();
        status.onDeadLetters(() -> showView(deadButton));
        subjects.setWaitingHint(options.waitingHint());

        root.getStyleClass().add("klaxon-console");
        root.setTop(new VBox(toolbar(options.sourceLabel()), banners));
        live = center();
        root.setCenter(live);
        root.setBottom(status.node());

        filterBox.filter().addListener((obs, old, next) -> subjects.setFilter(next));
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
        tail.node().addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ESCAPE) {
                tail.node().getSelectionModel().clearSelection();
                holding = false;
                detail.show(tail.newest(), true);
                event.consume();
            }
        });
        paused.addListener((obs, old, isPaused) -> showPaused(isPaused));
        showPaused(false);

        frames = new AnimationTimer() {
            @Override
            public void handle(long now) {
                applyFrame(now);
            }
        };
    }

    public Parent root() {
        return root;
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
        boolean toRules = view == rulesButton;
        root.setCenter(toRules ? rules.node() : view == settingsButton ? settings.node()
                : toAudit ? audit.node() : toDead ? deadLetters.node() : toSilences ? silences.node() : live);
        rules.setActive(toRules);
        // The audit and the dead letters read SQLite every few seconds only while they are looked at.
        audit.setActive(toAudit);
        deadLetters.setActive(toDead);
        silences.setActive(toSilences);
        if (toAudit) {
            audit.textField().requestFocus();
        } else if (toDead) {
            deadLetters.table().requestFocus();
        } else if (toSilences) {
            silences.table().requestFocus();
        } else if (toRules) {
            rules.table().requestFocus();
        } else if (view == settingsButton) {
            settings.serversField().requestFocus();
        } else {
            subjects.node().requestFocus();
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

    /**
     * Keyboard: Ctrl+1 / Ctrl+2 / Ctrl+3 / Ctrl+4 switch between the live, audit, dead-letter and silences views,
     * Ctrl+6 / Ctrl+7 show the rules and the settings; Ctrl+I puts the
     * keyboard on the incidents (where a / r / e act); "/" or Ctrl+F focus the shown view's filter; space pauses/resumes the live view (unless typing in a text field, and only from the
     * live view: elsewhere it would freeze something out of sight).
     */
    public void installShortcuts(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_TYPED, event -> {
            if ("/".equals(event.getCharacter()) && !typing(scene)) {
                focusFilter();
                event.consume();
            }
        });
        scene.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.isShortcutDown() && (event.getCode() == KeyCode.DIGIT1 || event.getCode() == KeyCode.NUMPAD1)) {
                showAudit(false);
                event.consume();
            } else if (event.isShortcutDown()
                    && (event.getCode() == KeyCode.DIGIT2 || event.getCode() == KeyCode.NUMPAD2)) {
                showAudit(true);
                event.consume();
            } else if (event.isShortcutDown()
                    && (event.getCode() == KeyCode.DIGIT3 || event.getCode() == KeyCode.NUMPAD3)) {
                showDeadLetters();
                event.consume();
            } else if (event.isShortcutDown()
                    && (event.getCode() == KeyCode.DIGIT4 || event.getCode() == KeyCode.NUMPAD4)) {
                showSilences();
                event.consume();
            } else if (event.isShortcutDown()
                    && (event.getCode() == KeyCode.DIGIT6 || event.getCode() == KeyCode.NUMPAD6)) {
                showRules();
                event.consume();
            } else if (event.isShortcutDown()
                    && (event.getCode() == KeyCode.DIGIT7 || event.getCode() == KeyCode.NUMPAD7)) {
                showSettings();
                event.consume();
            } else if (event.getCode() == KeyCode.SPACE && !typing(scene) && liveButton.isSelected()) {
                paused.set(!paused.get());
                event.consume();
            } else if (event.getCode() == KeyCode.I && event.isShortcutDown()) {
                showAudit(false);
                incidents.table().requestFocus();
                event.consume();
            } else if (event.getCode() == KeyCode.F && event.isShortcutDown()) {
                focusFilter();
                event.consume();
            }
        });
    }

    private void focusFilter() {
        if (showingDeadLetters() || showingSilences() || rulesButton.isSelected() || settingsButton.isSelected()) {
            return; // nothing to filter there
        }
        TextInputControl field = showingAudit() ? audit.textField() : filterBox.field();
        field.requestFocus();
        field.selectAll();
    }

    private static boolean typing(Scene scene) {
        return scene.getFocusOwner() instanceof TextInputControl input && input.isEditable();
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
        incidents.apply(desk.snapshot());
        EngineSnapshot snapshot = feed.latestSnapshot();
        if (snapshot != null && snapshot != lastStatus) {
            lastStatus = snapshot;
            status.show(snapshot);
        }
        String failure = feed.failure();
        if (!Objects.equals(failure, lastFailure)) {
            lastFailure = failure;
            status.showFeedProblem(failure);
        }
        if (!paused.get() && snapshot != null && snapshot != lastApplied) {
            lastApplied = snapshot;
            subjects.apply(snapshot, now);
            subjects.showFloods(feed.latestFloods());
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
            theme = theme.other();
            Themes.apply(theme);
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
            button.setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        }
        for (ToggleButton button : new ToggleButton[] {liveButton, auditButton, deadButton, silencesButton,
                rulesButton, settingsButton}) {
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
        HBox switcher = new HBox(liveButton, auditButton, deadButton, silencesButton, rulesButton, settingsButton);
        switcher.setMinWidth(Region.USE_PREF_SIZE);

        // The subject filter and pause belong to the live view: out of the way while the audit is shown.
        Node filter = filterBox.node();
        filter.visibleProperty().bind(liveButton.selectedProperty());
        filter.managedProperty().bind(liveButton.selectedProperty());
        pauseButton.visibleProperty().bind(liveButton.selectedProperty());
        pauseButton.managedProperty().bind(liveButton.selectedProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, brand, source, switcher, filter, spacer, pausedBadge, pauseButton, themeButton);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("console-toolbar");
        return bar;
    }

    private void showThemeButton() {
        themeButton.setGraphic(new FontIcon(theme == Theme.DARK ? Material2MZ.WB_SUNNY : Material2MZ.NIGHTS_STAY));
        themeButton.setTooltip(new Tooltip(theme == Theme.DARK ? "Switch to the light theme"
                : "Switch to the dark theme"));
    }

    private Node center() {
        Label subjectsTitle = sectionTitle("Subjects", Material2MZ.SUBJECT);
        Label subjectsCount = new Label();
        subjectsCount.setId("subjects-shown");
        subjectsCount.getStyleClass().add("section-hint");
        subjectsCount.textProperty().bind(Bindings.createStringBinding(
                () -> subjects.shownCount().get() == subjects.totalCount().get()
                        ? subjects.totalCount().get() + " shown"
                        : subjects.shownCount().get() + " of " + subjects.totalCount().get() + " shown",
                subjects.shownCount(), subjects.totalCount()));
        Label sortHint = new Label("click a header to sort · / to filter · Space to pause · S silences");
        sortHint.getStyleClass().add("section-hint");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        VBox subjectsBox = section(new HBox(10, subjectsTitle, subjectsCount, spacer, sortHint), subjects.node());

        tailTitle.setId("tail-subject");
        tailTitle.getStyleClass().add("tail-subject");
        Label newest = new Label("newest first · S silence · E escalate");
        newest.getStyleClass().add("section-hint");
        newest.setMinWidth(Region.USE_PREF_SIZE); // the subject name shrinks first: it has a tooltip
        newest.setTooltip(new Tooltip("Select a message, then S silences messages like it and E escalates it to "
                + "PagerDuty by hand (also on the right-click menu)."));
        VBox tailBox = section(new HBox(10, sectionTitle("Live tail", Material2MZ.VIEW_LIST), tailTitle, newest),
                tail.node());
        VBox detailBox = section(new HBox(10, sectionTitle("Message", Material2AL.CODE), detail.modeLabel()),
                detail.node());

        SplitPane bottom = new SplitPane(tailBox, detailBox);
        bottom.setDividerPositions(0.44);
        SplitPane main = new SplitPane(subjectsBox, bottom);
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(0.52);
        main.getStyleClass().add("console-split");
        SplitPane withIncidents = new SplitPane(main, incidents.node());
        // Without a token the panel only holds a message: the subjects get the room.
        withIncidents.setDividerPositions(desk.snapshot().state() == DeskState.NOT_CONFIGURED ? 0.82 : 0.62);
        withIncidents.getStyleClass().add("console-split");
        return withIncidents;
    }

    private static Label sectionTitle(String text, Ikon icon) {
        Label title = new Label(text, new FontIcon(icon));
        title.getStyleClass().add("section-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        return title;
    }

    private static VBox section(HBox header, Node body) {
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("section-header");
        VBox.setVgrow(body, Priority.ALWAYS);
        VBox box = new VBox(header, body);
        box.getStyleClass().add("section");
        return box;
    }
}
