package dev.klaxon.app.ui.team;

import atlantafx.base.theme.Styles;
import dev.klaxon.app.backend.TeamBackend;
import dev.klaxon.app.ui.command.ConsoleCommand;
import dev.klaxon.app.ui.command.ConsoleCommands;
import dev.klaxon.app.ui.common.ConsoleView;
import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.app.ui.common.Frame;
import dev.klaxon.app.ui.common.FxThread;
import dev.klaxon.app.ui.common.Sections;
import dev.klaxon.app.ui.common.StatusLine;
import dev.klaxon.app.ui.common.TeamWords;
import dev.klaxon.app.ui.common.ViewInfo;
import dev.klaxon.config.JetStreamConfig;
import dev.klaxon.team.TeamStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The team in team mode: who pages and since when, every member's last heartbeat (role, PagerDuty, outbox), the
 * pager consumer's backlog and the stream's placement, and the two things a person can do about it: take the sender
 * role, or hand it over. Everything shown comes with each frame's snapshot (the engine refreshes it every few
 * seconds off the FX thread); the two actions run on the backend's command thread and are audited by the engine.
 */
public final class TeamView implements ConsoleView {
    private static final ViewInfo INFO = new ViewInfo("team", "Team", Material2AL.GROUPS,
            "Team: who pages for the team, the members, the stream and the pager consumer; take or hand over the "
                    + "sender role", true);
    private static final PseudoClass PROBLEM = PseudoClass.getPseudoClass("problem");

    private final TeamBackend team;
    private final Consumer<String> announce;
    private final ObservableList<TeamStatus.TeamMember> rows = FXCollections.observableArrayList();
    private final TableView<TeamStatus.TeamMember> table = new TableView<>(rows);
    private final Label mode = new Label();
    private final Label meaning = new Label();
    private final Label consumer = new Label();
    private final Label stream = new Label();
    private final Label count = new Label();
    private final Label status = new Label();
    private final Button take = new Button("Take the sender role", new FontIcon(Material2AL.CAMPAIGN));
    private final Button handOver = new Button("Hand the sender role over", new FontIcon(Material2MZ.SWAP_HORIZ));
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final VBox root;
    private TeamStatus shown;

    /** @param announce shows what an action did where the whole console sees it (the window's action banner) */
    public TeamView(TeamBackend team, Consumer<String> announce) {
        this.team = team;
        this.announce = announce;
        setUpTable();
        mode.setId("team-mode");
        mode.getStyleClass().add("team-mode");
        meaning.setId("team-meaning");
        meaning.setWrapText(true);
        meaning.getStyleClass().add("team-meaning");
        consumer.setId("team-consumer");
        consumer.setWrapText(true);
        consumer.setGraphic(new FontIcon(Material2MZ.QUEUE));
        consumer.setTooltip(new Tooltip("The team's pager consumer: messages the sender has not been given yet "
                + "(pending), given and not acknowledged (ack pending: waiting for PagerDuty's 202), delivered "
                + "again (redelivered), and how long the oldest unacknowledged one has waited"));
        stream.setId("team-stream");
        stream.setWrapText(true);
        stream.setGraphic(new FontIcon(Material2AL.DNS));
        stream.setTooltip(new Tooltip("The stream that keeps every alert: its leader, its replicas (behind or "
                + "offline when one is), how many messages it holds and its last sequence"));
        count.setId("team-member-count");
        count.getStyleClass().add("section-hint");
        status.setId("team-action-status");
        status.setWrapText(true);
        status.getStyleClass().add("incident-progress");

        take.setId("team-take-sender");
        take.setTooltip(new Tooltip("Make this console the team's sender now. The member that holds the lease "
                + "stops sending at once; what it had not settled is redelivered here. Audited."));
        take.setAccessibleText("Take the sender role for this console");
        take.setOnAction(e -> takeSender());
        take.getStyleClass().add(Styles.ACCENT);
        handOver.setId("team-hand-over");
        handOver.setTooltip(new Tooltip("Stop sending from this console (closing the laptop, going off call): "
                + "another member takes the lease within seconds; this one stays out for 30 s. Audited."));
        handOver.setAccessibleText("Hand the sender role over to another member");
        handOver.setOnAction(e -> handOver());
        busy.addListener((obs, was, is) -> enableActions());

        Label title = Sections.title("Team", Material2AL.GROUPS);
        HBox header = Sections.header(List.of(title, count), Sections.hint("the sender pages for everyone; "
                + "observers show every alert · Ctrl+K: take or hand over"));
        HBox actions = new HBox(10, take, handOver, status);
        actions.setAlignment(Pos.CENTER_LEFT);
        consumer.getStyleClass().add("team-card");
        stream.getStyleClass().add("team-card");
        consumer.setMaxWidth(Double.MAX_VALUE);
        stream.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(consumer, Priority.ALWAYS);
        HBox.setHgrow(stream, Priority.ALWAYS);
        HBox cards = new HBox(10, consumer, stream);
        VBox facts = new VBox(8, mode, meaning, actions, cards);
        facts.getStyleClass().add("team-facts");
        root = new VBox(header, facts, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        root.getStyleClass().addAll("section", "team-view");
        show(TeamStatus.core(Instant.EPOCH));
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
    public void focus() {
        table.requestFocus();
    }

    @Override
    public List<TableView<?>> rememberedTables() {
        return List.of(table);
    }

    @Override
    public void onFrame(Frame frame) {
        if (frame.snapshotIsNew() && frame.snapshot() != null) {
            show(frame.snapshot().team());
        }
    }

    @Override
    public void registerCommands(ConsoleCommands commands, BooleanSupplier shownNow) {
        commands.add("team.take", "Team", "Team: take the sender role for this console",
                "Only in team mode, while another member sends (and this console is no observer by config).",
                ConsoleCommand.ANYWHERE, this::takeSender, () -> !take.isDisabled());
        commands.add("team.hand-over", "Team", "Team: hand the sender role over to another member",
                "Only while this console is the team's sender.", ConsoleCommand.ANYWHERE, this::handOver,
                () -> !handOver.isDisabled());
    }

    /** What the view shows now; cheap when nothing changed (the snapshot repeats every 200 ms). */
    void show(TeamStatus status) {
        if (Objects.equals(status, shown)) {
            return;
        }
        shown = status;
        mode.setText(TeamWords.headline(status));
        mode.setGraphic(new FontIcon(TeamWords.problem(status) ? Material2MZ.WARNING : Material2AL.GROUPS));
        mode.pseudoClassStateChanged(PROBLEM, TeamWords.problem(status));
        meaning.setText(TeamWords.meaning(status) + (status.member() == null ? ""
                : " This console is " + status.member() + (status.role() == null ? ""
                : ", role " + status.role().name().toLowerCase(java.util.Locale.ROOT)) + "."));
        consumer.setText(consumerText(status.consumer()));
        stream.setText(streamText(status.stream()));
        boolean team = status.teamMode();
        consumer.setVisible(team);
        consumer.setManaged(team);
        stream.setVisible(team);
        stream.setManaged(team);
        showMembers(status);
        enableActions();
    }

    private void showMembers(TeamStatus status) {
        String selected = table.getSelectionModel().getSelectedItem() == null ? null
                : table.getSelectionModel().getSelectedItem().id();
        rows.setAll(status.members());
        if (selected != null) {
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).id().equals(selected)) {
                    table.getSelectionModel().select(i);
                }
            }
        }
        count.setText(status.teamMode() ? status.members().size() + (status.members().size() == 1 ? " member"
                : " members") : "team mode off");
    }

    private void enableActions() {
        TeamStatus status = shown;
        boolean team = status != null && status.teamMode();
        boolean observerByConfig = status != null && status.role() == JetStreamConfig.Role.OBSERVER;
        take.setDisable(busy.get() || !team || status.sending() || observerByConfig
                || status.mode() == TeamStatus.Mode.VIEW_ONLY || status.mode() == TeamStatus.Mode.STARTING);
        handOver.setDisable(busy.get() || !team || !status.sending());
    }

    void takeSender() {
        act("Taking the sender role…", team::takeSender);
    }

    void handOver() {
        act("Handing the sender role over…", team::handOver);
    }

    private void act(String progress, Supplier<CompletableFuture<String>> action) {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        StatusLine.show(status, progress, false);
        FxThread.whenDone(action.get(), (outcome, failure) -> {
            busy.set(false);
            if (failure != null) {
                StatusLine.show(status, "Not done: " + FxThread.message(failure), true);
            } else {
                StatusLine.show(status, "Team: " + outcome, false);
                announce.accept("Team: " + outcome);
            }
        });
    }

    static String consumerText(TeamStatus.ConsumerFacts facts) {
        if (facts == null) {
            return "Pager consumer: not known yet";
        }
        return "Pager consumer " + facts.name() + ": " + Formats.count(facts.pending()) + " pending · "
                + Formats.count(facts.ackPending()) + " ack pending · " + Formats.count(facts.redelivered())
                + " redelivered · oldest unacked " + (facts.oldestUnacked() == null ? "—"
                : Math.max(0, facts.oldestUnacked().toSeconds()) + " s");
    }

    static String streamText(TeamStatus.StreamFacts facts) {
        if (facts == null) {
            return "Stream: not known yet";
        }
        return "Stream " + facts.name() + ": leader " + (facts.leader() == null ? "— (single server)"
                : facts.leader()) + (facts.replicas().isEmpty() ? "" : " · replicas " + String.join(", ",
                facts.replicas())) + " · " + Formats.count(facts.messages()) + " messages · last seq "
                + Formats.count(facts.lastSequence());
    }

    private void setUpTable() {
        table.setId("team-members");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setAccessibleText("The team's members, from their last heartbeats");
        Label placeholder = new Label("No members heard yet. In team mode every console and headless bridge of "
                + "the team shows here within seconds of starting (a heartbeat every 5 s, gone after 30 s).");
        placeholder.getStyleClass().add("placeholder-text");
        placeholder.setWrapText(true);
        placeholder.setMaxWidth(460);
        table.setPlaceholder(placeholder);
        table.getColumns().setAll(List.of(
                column("Member", 220, TeamStatus.TeamMember::id),
                column("User", 90, TeamStatus.TeamMember::user),
                column("Host", 120, TeamStatus.TeamMember::host),
                column("Role", 110, member -> member.role() + (member.headless() ? " (headless)" : "")),
                column("Sender", 70, member -> member.sender() ? "sending" : ""),
                column("PagerDuty", 100, TeamStatus.TeamMember::pagerDuty),
                column("Outbox", 70, member -> Formats.count(member.outboxDepth())),
                column("Last heartbeat", 120, member -> Formats.ago(member.lastHeartbeat(),
                        shown == null ? null : shown.at()))));
    }

    private static TableColumn<TeamStatus.TeamMember, String> column(String name, double width,
                                                                   Function<TeamStatus.TeamMember, String> value) {
        TableColumn<TeamStatus.TeamMember, String> column = new TableColumn<>(name);
        column.setId("team-column-" + name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }
}
