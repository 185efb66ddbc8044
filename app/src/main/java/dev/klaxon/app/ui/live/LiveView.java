package dev.klaxon.app.ui.live;

import atlantafx.base.theme.Styles;
import dev.klaxon.app.backend.ActionsBackend;
import dev.klaxon.app.backend.HeldBatch;
import dev.klaxon.app.feed.FloodPicture;
import dev.klaxon.app.feed.TailUpdate;
import dev.klaxon.app.ui.command.ConsoleCommand;
import dev.klaxon.app.ui.command.ConsoleCommands;
import dev.klaxon.app.ui.command.KeyTrigger;
import dev.klaxon.app.ui.common.ConsoleView;
import dev.klaxon.app.ui.common.Frame;
import dev.klaxon.app.ui.common.FxThread;
import dev.klaxon.app.ui.common.LiveRates;
import dev.klaxon.app.ui.common.SafeText;
import dev.klaxon.app.ui.common.Sections;
import dev.klaxon.app.ui.common.ViewInfo;
import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.guard.FloodStatus;
import dev.klaxon.nats.ConnectionState;
import dev.klaxon.nats.ConnectionStatus;
import dev.klaxon.stats.LiveStats;
import dev.klaxon.stats.SubjectSnapshot;
import dev.klaxon.stats.TailEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * Ctrl+1, the live view: subjects (table or tree), the selected subject's live tail, the message detail, and a side
 * panel beside them (the window puts the PagerDuty incidents there). {@link LiveActions} silences, escalates and
 * releases from it.
 *
 * <p>Each frame brings at most one snapshot and one tail, whatever the message rate. Pausing stops applying them
 * (the engine keeps counting, the status bar stays live); resuming applies the newest on the next frame.
 */
public final class LiveView implements ConsoleView {
    private static final ViewInfo INFO = new ViewInfo("live", "Live", Material2AL.DYNAMIC_FEED,
            "Live view: subjects, live tail and message detail");
    private static final PseudoClass PAUSED = PseudoClass.getPseudoClass("paused");

    private final SubjectTable subjects = new SubjectTable();
    private final SubjectsWarmUp warmUp = new SubjectsWarmUp();
    private final SubjectTree subjectTree = new SubjectTree();
    private final TailPane tail = new TailPane();
    private final DetailPane detail = new DetailPane();
    private final SubjectViews subjectViews = new SubjectViews(subjects, subjectTree, tail::subject);
    private final FilterBox filterBox = new FilterBox();
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused");
    private final Label tailTitle = new Label();
    private final Button pauseButton = new Button();
    private final Label pausedBadge = new Label("PAUSED",
            new FontIcon(Material2MZ.PAUSE));
    private final LiveActions liveActions;
    private final Consumer<String> watchTail;
    private final String waitingHint;
    private String shownHint;
    private final Map<String, SplitPane> splits = new LinkedHashMap<>();
    private final SplitPane root;

    private EngineSnapshot lastSnapshot;
    /** The floods and held counts the subjects show now; r releases what they count. */
    private FloodPicture shownFlooding = FloodPicture.NONE;
    private EngineSnapshot lastApplied;
    private TailUpdate lastTail;
    private boolean tailPrimed;
    private boolean autoSelected;
    /** The operator pinned a message: the detail keeps it even after it scrolls out of the engine's tail. */
    private boolean pinned;

    /**
     * @param watchTail   which subject's tail the frames should bring from now on
     * @param sidePanel   shown at the right of the view (the incidents)
     * @param sideShare   how much of the width the side panel gets at first (0..1)
     * @param waitingHint what the empty subjects table says, e.g. the subjects and server listened to
     * @param report      told (title, text) what an action did, to show the operator
     */
    public LiveView(ActionsBackend actions, LiveRates rates, Consumer<String> watchTail, Node sidePanel,
                    double sideShare, String waitingHint, BiConsumer<String, String> report) {
        this.watchTail = watchTail;
        this.liveActions = new LiveActions(subjects, tail, actions, subject -> heldShown(subject, actions),
                report);
        liveActions.install();
        detail.onActions(liveActions::silenceMessage, liveActions::escalateMessage);
        detail.onUnpin(this::unpin);
        if (liveActions.keepsHistory()) {
            detail.onOlder(liveActions::showOlderThan);
        }
        subjects.showSparklines(rates.history(), rates.version());
        this.waitingHint = waitingHint;
        subjects.setWaitingHint(waitingHint);
        shownHint = waitingHint;
        root = layout(sidePanel, sideShare);
        root.getStyleClass().add("live-view");
        setUpPause();

        filterBox.onLeave(this::focus);
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
                pinned = true;
                detail.show(entry, false);
            }
        });
        focusTableOnceShown();
    }

    @Override
    public ViewInfo info() {
        return INFO;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public Toolbar toolbar() {
        return new Toolbar(List.of(filterBox.node()), List.of(pausedBadge, pauseButton));
    }

    @Override
    public void focus() {
        subjectViews.shown().requestFocus();
    }

    @Override
    public TextInputControl filterField() {
        return filterBox.field();
    }

    /** True while the keyboard is in the message detail, where Ctrl+F searches the message instead. */
    public boolean searchesMessage(Node focusOwner) {
        return detail.hasFocusWithin(focusOwner);
    }

    public void focusMessageSearch() {
        detail.focusSearch();
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    @Override
    public Map<String, SplitPane> rememberedSplits() {
        return splits;
    }

    @Override
    public List<TableView<?>> rememberedTables() {
        return List.of(subjects.node(), tail.node());
    }

    @Override
    public void registerCommands(ConsoleCommands commands, BooleanSupplier shown) {
        String live = "Live view";
        commands.add("live.pause", live, "Pause or resume the live view (the engine keeps counting)",
                "Open the live view first (Ctrl+1).", ConsoleCommand.ANYWHERE, () -> paused.set(!paused.get()), shown,
                KeyTrigger.of(KeyTrigger.key(KeyCode.SPACE)));

        String inSubjects = "Subjects table";
        BooleanSupplier subjectChosen = () -> shown.getAsBoolean() && subjects.selectedRow().get() != null
                && !subjects.selectedRow().get().isOther();
        String needsSubject = "Select a subject in the live view first (Ctrl+1).";
        commands.add("subject.silence", inSubjects, "Silence the selected subject…", needsSubject,
                ConsoleCommand.focused(subjects.node()), liveActions::silenceSelectedSubject, subjectChosen,
                KeyTrigger.of(KeyTrigger.key(KeyCode.S)));
        commands.add("subject.release", inSubjects, "Release the selected subject's held triggers…", needsSubject,
                ConsoleCommand.focused(subjects.node()), liveActions::releaseSelectedSubject, subjectChosen,
                KeyTrigger.of(KeyTrigger.key(KeyCode.R)));

        String inTail = "Live tail";
        BooleanSupplier messageChosen = () -> shown.getAsBoolean() && tail.selectedEntry().get() != null;
        String needsMessage = "Select a message in the live tail first (Ctrl+1).";
        commands.add("message.silence", inTail, "Silence messages like the selected one…", needsMessage,
                ConsoleCommand.focused(tail.node()), liveActions::silenceSelectedMessage, messageChosen,
                KeyTrigger.of(KeyTrigger.key(KeyCode.S)));
        commands.add("message.escalate", inTail, "Escalate the selected message to PagerDuty…", needsMessage,
                ConsoleCommand.focused(tail.node()), liveActions::escalateSelectedMessage, messageChosen,
                KeyTrigger.of(KeyTrigger.key(KeyCode.E)));
        commands.add("message.unpin", inTail, "Unpin the message and follow the newest again",
                "No message is pinned: the detail already follows the newest.", ConsoleCommand.focused(tail.node()),
                this::unpin,
                () -> shown.getAsBoolean() && pinned, KeyTrigger.of(KeyTrigger.key(KeyCode.ESCAPE)));
    }

    /** At most one snapshot and one tail applied, whatever the message rate. */
    @Override
    public void onFrame(Frame frame) {
        EngineSnapshot snapshot = frame.snapshot();
        lastSnapshot = snapshot;
        showWhyNothingArrives(snapshot);
        if (!paused.get() && snapshot != null && snapshot != lastApplied) {
            lastApplied = snapshot;
            subjects.offer(snapshot);
            // Badges count what is held now, from the same read as what r confirms and releases.
            shownFlooding = frame.flooding();
            List<FloodStatus> floods = shownFlooding.withHeldNow();
            subjects.showFloods(floods);
            subjectTree.apply(snapshot, floods, frame.nanos());
        }
        if (!paused.get()) {
            subjects.applyFrame(frame.nanos());
            if (!autoSelected && !subjects.isEmpty() && subjects.upToDate()) {
                // Once, on the first data: follow the busiest subject so the tail is not empty at first sight.
                autoSelected = true;
                subjects.selectFirstIfNone();
            }
        }
        if (!warmUp.finished()) {
            if (subjects.upToDate()) {
                warmUp.step(root.getScene());
            } else {
                warmUp.stop();
            }
        }
        TailUpdate update = frame.tail();
        // While paused the tail is frozen, except that a newly selected subject gets its first picture.
        if (update != null && update != lastTail && (!paused.get() || !tailPrimed)) {
            lastTail = update;
            tail.apply(update);
            tailPrimed = tailPrimed || update.subject().equals(tail.subject());
            // Until the operator picks a message, the detail follows the newest one.
            TailEntry newest = tail.newest();
            if (!pinned && newest != null && newest != detail.shown()) {
                detail.show(newest, true);
            }
        }
    }

    /**
     * While nothing has arrived, the empty table says why when the reason is the connection, in the view rather
     * than only in the status bar's tooltip: a first run against a wrong or stopped server must not just wait.
     */
    private void showWhyNothingArrives(EngineSnapshot snapshot) {
        ConnectionStatus connection = snapshot == null ? null : snapshot.connection();
        String hint = connection == null || connection.state() == ConnectionState.CONNECTED ? waitingHint
                : waitingHint + "\n\nNot connected to NATS" + (connection.server() == null ? "" : " at "
                + SafeText.inline(connection.server(), 200)) + ": " + SafeText.inline(
                connection.detail() == null ? connection.state().name().toLowerCase(java.util.Locale.ROOT)
                        : connection.detail(), 300)
                + ". Check that nats-server runs there and that nats.servers in the config names it; Klaxon keeps "
                + "trying.";
        if (!hint.equals(shownHint)) {
            shownHint = hint;
            subjects.setWaitingHint(hint);
        }
    }

    /** The subjects in the engine's latest snapshot (paused or not), without its buckets. */
    public List<String> knownSubjects() {
        EngineSnapshot snapshot = lastSnapshot;
        if (snapshot == null) {
            return List.of();
        }
        return snapshot.subjects().stream().map(SubjectSnapshot::subject)
                .filter(s -> !LiveStats.OTHER_SUBJECTS.equals(s) && !LiveStats.INVALID_SUBJECTS.equals(s)).toList();
    }

    /**
     * Selects this subject and follows its tail. Asked for by name, it wins over a filter that hides it; while paused
     * a subject newer than the frozen table is still followed.
     */
    public void selectSubject(String subject) {
        if (!subjects.select(subject) && !filterBox.field().getText().isEmpty()) {
            filterBox.field().clear();
            subjects.select(subject);
        }
        if (!subject.equals(tail.subject())) {
            follow(subject);
        }
        subjects.node().requestFocus();
    }

    /**
     * What r releases for a subject: the batch its flood badge counts (one read, one number), or what is held now
     * when it is not in flood (triggers an ended flood left behind).
     */
    private HeldBatch heldShown(String subject, ActionsBackend actions) {
        return shownFlooding.counted(subject) ? shownFlooding.heldUnder(subject) : actions.held(subject);
    }

    private void follow(String subject) {
        tail.show(subject);
        detail.show(null);
        tailTitle.setText(subject);
        tailPrimed = false;
        pinned = false;
        lastTail = null;
        watchTail.accept(subject);
    }

    private void unpin() {
        tail.unpin();
        pinned = false;
        detail.show(tail.newest(), true);
    }

    /**
     * Gives the keyboard to the subjects table (space pauses, "/" filters) rather than to the filter box, which the
     * scene would pick as its first focusable node and which would swallow both keys. The table only joins the
     * scene graph when its split pane gets a skin, so until then a focus request would be silently ignored.
     */
    private void focusTableOnceShown() {
        TableView<SubjectRow> table = subjects.node();
        table.skinProperty().addListener(new InvalidationListener() {
            @Override
            public void invalidated(Observable skin) {
                table.skinProperty().removeListener(this);
                FxThread.later(table::requestFocus); // after this pulse's own initial-focus pass
            }
        });
    }

    private void setUpPause() {
        pausedBadge.setId("paused-indicator");
        pausedBadge.getStyleClass().add("paused-badge");
        pausedBadge.setMinWidth(Region.USE_PREF_SIZE);
        pausedBadge.visibleProperty().bind(paused);
        pausedBadge.managedProperty().bind(paused);
        // One word, so the Resume button beside it stays on a 1280-pixel toolbar; the rest is in the tooltip.
        pausedBadge.setTooltip(new Tooltip("The view is frozen: the engine keeps counting, deciding and paging. "
                + "Space or Resume catches up."));

        pauseButton.setId("pause-button");
        pauseButton.setGraphic(new FontIcon(Material2MZ.PAUSE));
        pauseButton.setTooltip(new Tooltip("Pause or resume the live view (Space). The engine keeps counting."));
        pauseButton.setMinWidth(Region.USE_PREF_SIZE);
        pauseButton.setFocusTraversable(false); // space belongs to the shortcut, not to a focused button
        pauseButton.setOnAction(e -> paused.set(!paused.get()));
        paused.addListener((obs, old, isPaused) -> showPaused(isPaused));
        showPaused(false);
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

    private SplitPane layout(Node sidePanel, double sideShare) {
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
        sortHint.setMinWidth(0); // the hint gives way first, the paused order's notice stays readable
        Label orderPaused = new Label("order paused", new FontIcon(Material2MZ.SORT));
        orderPaused.setId("subjects-order-paused");
        orderPaused.getStyleClass().add("section-hint");
        orderPaused.setMinWidth(Region.USE_PREF_SIZE);
        orderPaused.setTooltip(new Tooltip("The rows keep their place while the pointer is over them and for "
                + LiveOrder.AFTER_PICK_NANOS / 1_000_000_000L + " s after you pick a row, so a click lands on the "
                + "row it was aimed at and j/k go on from the row you picked. They re-sort by the sorted column "
                + "once you move away; a header click sorts at once."));
        orderPaused.visibleProperty().bind(subjects.orderPaused().or(subjectTree.orderPaused()));
        orderPaused.managedProperty().bind(orderPaused.visibleProperty());
        sortHint.getStyleClass().add("section-hint");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        VBox subjectsBox = Sections.section(new HBox(10, subjectsTitle, subjectViews.toggle(), subjectsCount,
                orderPaused, spacer, sortHint), subjectViews.body());

        tailTitle.setId("tail-subject");
        tailTitle.getStyleClass().add("tail-subject");
        Label newest = new Label("newest first · S silence · E escalate");
        newest.getStyleClass().add("section-hint");
        newest.setMinWidth(60); // gives way after the subject name (both have tooltips) on a narrow window
        newest.setTooltip(new Tooltip("Select a message, then S silences messages like it and E escalates it to "
                + "PagerDuty by hand (also on the right-click menu)."));
        // An icon only: beside the subject's name and the hint, a word would squeeze the name to a letter.
        Button older = new Button(null, new FontIcon(Material2AL.HISTORY));
        older.setId("tail-older");
        older.setAccessibleText("Older messages, read back from the team's stream");
        older.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        older.setMinWidth(Region.USE_PREF_SIZE);
        older.setTooltip(new Tooltip("Read the " + LiveActions.OLDER_PAGE + " messages before the oldest shown back "
                + "from the team's stream (shown with the decision they would get now; nothing is sent)"));
        older.setVisible(liveActions.keepsHistory());
        older.setManaged(liveActions.keepsHistory());
        older.disableProperty().bind(tail.node().itemsProperty().isNull()
                .or(javafx.beans.binding.Bindings.isEmpty(tail.node().getItems())));
        older.setOnAction(e -> liveActions.loadOlder());
        VBox tailBox = Sections.section(new HBox(10, Sections.title("Live tail", Material2MZ.VIEW_LIST), tailTitle,
                newest, older), tail.node());
        VBox detailBox = Sections.section(new HBox(10, Sections.title("Message", Material2AL.CODE),
                detail.modeLabel()), detail.node());

        SplitPane bottom = new SplitPane(tailBox, detailBox);
        bottom.setDividerPositions(0.44);
        splits.put("tail-detail", bottom);
        SplitPane main = new SplitPane(subjectsBox, bottom);
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(0.52);
        main.getStyleClass().add("console-split");
        splits.put("subjects-tail", main);
        SplitPane withSide = new SplitPane(main, sidePanel);
        withSide.setDividerPositions(1 - sideShare);
        withSide.getStyleClass().add("console-split");
        splits.put("live-incidents", withSide);
        return withSide;
    }
}
