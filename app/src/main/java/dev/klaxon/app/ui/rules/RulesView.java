package dev.klaxon.app.ui.rules;

import atlantafx.base.theme.Styles;
import dev.klaxon.app.backend.RulesBackend;
import dev.klaxon.app.ui.common.ConsoleView;
import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.app.ui.common.FxThread;
import dev.klaxon.app.ui.common.OutcomeBadge;
import dev.klaxon.app.ui.common.RefreshWhileShown;
import dev.klaxon.app.ui.common.Sections;
import dev.klaxon.app.ui.common.ShadowNotice;
import dev.klaxon.app.ui.common.StatusLine;
import dev.klaxon.app.ui.common.ViewInfo;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.decision.RuleHit;
import dev.klaxon.route.RouteRule;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The routing rules in config order with how many live messages each decided, and a test box that asks the engine
 * what it would do with a message: the matching rule, the action, why, and the exact event body it would send
 * (routing key masked), rendered exactly as {@code rules test} prints it. Hit counts are read from memory once a
 * second while the view is shown; a test asks the backend.
 */
public final class RulesView implements ConsoleView {
    private static final ViewInfo INFO = new ViewInfo("rules", "Rules", Material2AL.ALT_ROUTE,
            "Rules: routing rules in order with live hit counts; test a message against them", true);
    static final Duration REFRESH_PERIOD = Duration.ofSeconds(1);

    /** One route and its hits so far; a new row replaces the old one when the count moves. */
    record RuleRow(RouteRule rule, long hits) {
    }

    private final RulesBackend rules;
    private final RuleTest tester;
    private final HistoryTrial trial;
    /** The rules shown, from the config the engine ran with when last looked at; a reload replaces them. */
    private KlaxonConfig shown;
    private List<RouteRule> routes;
    private final Label count = Sections.hint("");
    private final VBox tableBox;
    private Node shadowNotice;
    private final ObservableList<RuleRow> rows = FXCollections.observableArrayList();
    private final TableView<RuleRow> table = new TableView<>(rows);
    private final TextField subject = new TextField();
    private final TextArea payload = new TextArea();
    private final TextArea headers = new TextArea();
    private final Button testButton = new Button("Test", new FontIcon(Material2MZ.PLAY_ARROW));
    private final Label outcome = new Label();
    private final Label status = new Label();
    private final TextArea result = new TextArea();
    private final RefreshWhileShown refresher;
    private final VBox root;
    private boolean testing;

    public RulesView(RulesBackend rules) {
        this.rules = rules;
        this.tester = new RuleTest(rules);
        this.trial = new HistoryTrial(rules);
        setUpTable();
        Label title = Sections.title("Rules", Material2AL.ALT_ROUTE);
        count.setId("rules-count");
        HBox header = Sections.header(List.of(title, count),
                Sections.hint("hits: live messages each rule decided since start (or the last reload) · Ctrl+Enter "
                        + "runs the test"));
        tableBox = new VBox(header, table);
        showRules(rules.config());
        VBox.setVgrow(table, Priority.ALWAYS);
        Tab test = new Tab("Test a message", testBox());
        test.setId("rules-tab-test");
        Tab history = new Tab("Try on history", trial.node());
        history.setId("rules-tab-history");
        TabPane lower = new TabPane(test, history);
        lower.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane split = new SplitPane(tableBox, lower);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        split.getStyleClass().add("console-split");
        VBox.setVgrow(split, Priority.ALWAYS);
        root = new VBox(split);
        root.getStyleClass().addAll("section", "rules-view");
        refresher = new RefreshWhileShown(REFRESH_PERIOD, this::refreshHits);
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
    public Node node() {
        return root;
    }

    /** Shown or hidden: hit counts are read only while shown. */
    @Override
    public void setShown(boolean shown) {
        refresher.setShown(shown);
    }

    @Override
    public void close() {
        refresher.stop();
    }

    /** The rules of {@code config}, with hits from zero until the next refresh reads them. */
    private void showRules(KlaxonConfig config) {
        shown = config;
        routes = config == null ? List.of() : config.routes();
        rows.setAll(routes.stream().map(rule -> new RuleRow(rule, 0)).toList());
        count.setText(routes.size() + (routes.size() == 1 ? " rule" : " rules") + " · first match wins unless "
                + "continue");
        tableBox.getChildren().remove(shadowNotice);
        shadowNotice = ShadowNotice.of(config, "rules-shadow").orElse(null);
        if (shadowNotice != null) {
            tableBox.getChildren().add(1, shadowNotice);
        }
    }

    /**
     * Reads the counters (in memory, a copy of a few longs) and replaces only the rows whose count moved; after a
     * config reload, the rules themselves first.
     */
    void refreshHits() {
        KlaxonConfig current = rules.config();
        if (current != shown) {
            showRules(current);
        }
        long[] hits = rules.ruleHits();
        for (int i = 0; i < rows.size() && i < hits.length; i++) {
            if (rows.get(i).hits() != hits[i]) {
                rows.set(i, new RuleRow(rows.get(i).rule(), hits[i]));
            }
        }
    }

    /** Asks the engine about what the test box holds; a test already under way makes this one wait for it. */
    void runTest() {
        if (testing) {
            return;
        }
        testing = true;
        testButton.setDisable(true);
        StatusLine.show(status, "Asking the engine…", false);
        String subjectText = subject.getText();
        String payloadText = payload.getText();
        String headerText = headers.getText();
        FxThread.whenDone(tester.run(subjectText, payloadText, headerText, routes),
                (answer, failure) -> {
                    testing = false;
                    testButton.setDisable(false);
                    if (failure != null) {
                        show(RuleTest.Result.refused("The engine could not answer: " + FxThread.message(failure)));
                    } else {
                        show(answer);
                    }
                });
    }

    private void show(RuleTest.Result answer) {
        if (answer.problem() != null) {
            StatusLine.show(status, answer.problem(), true);
            outcome.setText(null);
            outcome.setGraphic(null);
            result.clear();
            return;
        }
        OutcomeBadge.show(outcome, answer.decision().outcome(), answer.decision().outcome().label());
        List<RuleHit> hits = answer.decision().hits();
        StatusLine.show(status, hits.isEmpty() ? "No rule matches this subject."
                : "Matched " + hits.get(0).ruleLabel() + (hits.size() > 1 ? " and " + (hits.size() - 1)
                + " more (continue)" : "") + ".", false);
        result.setText(answer.text());
        if (!hits.isEmpty()) {
            table.getSelectionModel().select(hits.get(0).ruleIndex());
            table.scrollTo(hits.get(0).ruleIndex());
        } else {
            table.getSelectionModel().clearSelection();
        }
    }

    private Node testBox() {
        subject.setId("rule-test-subject");
        subject.setPromptText("alerts.prod.db");
        subject.setTooltip(new Tooltip("The NATS subject the message arrives on"));
        subject.setOnAction(e -> runTest());
        payload.setId("rule-test-payload");
        payload.setPromptText("{\"summary\": \"disk full\", \"severity\": \"critical\", \"source\": \"db-1\"}");
        payload.setTooltip(new Tooltip("The message body: a JSON object, or plain text (becomes the summary)"));
        payload.setPrefRowCount(5);
        payload.getStyleClass().add("detail-text");
        headers.setId("rule-test-headers");
        headers.setPromptText("Optional, one per line: Name: value");
        headers.setTooltip(new Tooltip("NATS headers, one per line as Name: value (e.g. a signature header)"));
        headers.setPrefRowCount(2);
        headers.getStyleClass().add("detail-text");
        testButton.setId("rule-test-run");
        testButton.setTooltip(new Tooltip("Show what the engine would do with this message, without sending "
                + "anything (Ctrl+Enter)"));
        testButton.setOnAction(e -> runTest());
        status.setId("rule-test-status");
        status.setWrapText(true);
        status.getStyleClass().add("incident-progress");
        outcome.setId("rule-test-outcome");
        outcome.getStyleClass().add("decision-badge");
        outcome.setMinWidth(Region.USE_PREF_SIZE);
        result.setId("rule-test-result");
        result.setEditable(false);
        result.setWrapText(false);
        result.getStyleClass().add("detail-text");
        result.setPromptText("The decision, the matching rule and the exact event body appear here.");
        result.setAccessibleText("Test result: decision, matching rule, action and the event body");

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, fieldLabel("Subject", subject), subject);
        form.addRow(1, fieldLabel("Payload", payload), payload);
        form.addRow(2, fieldLabel("Headers", headers), headers);
        HBox actions = new HBox(10, testButton, status);
        actions.setAlignment(Pos.CENTER_LEFT);
        form.add(actions, 1, 3);
        GridPane.setHgrow(subject, Priority.ALWAYS);
        GridPane.setHgrow(payload, Priority.ALWAYS);
        GridPane.setVgrow(payload, Priority.ALWAYS);
        form.setMinWidth(320);

        Label resultTitle = Sections.title("Test a message", Material2MZ.SCIENCE);
        HBox top = Sections.header(List.of(resultTitle, Sections.hint("nothing is sent or counted"), outcome));
        VBox formBox = new VBox(8, form);
        formBox.setStyle("-fx-padding: 6 10 10 10;");
        VBox.setVgrow(form, Priority.ALWAYS);
        SplitPane body = new SplitPane(formBox, result);
        body.setDividerPositions(0.42);
        VBox.setVgrow(body, Priority.ALWAYS);
        VBox box = new VBox(top, body);
        box.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ENTER && event.isShortcutDown()) {
                runTest();
                event.consume();
            }
        });
        return box;
    }

    private static Label fieldLabel(String text, Node field) {
        Label label = new Label(text);
        label.setLabelFor(field);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private void setUpTable() {
        table.setId("rules-table");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setAccessibleText("Routing rules in order, with live hit counts");
        Label placeholder = new Label("No routes configured: every message is logged. Add routes: to the config.");
        placeholder.getStyleClass().add("placeholder-text");
        table.setPlaceholder(placeholder);
        TableColumn<RuleRow, RuleRow> index = column("#", 44, r -> Integer.toString(r.rule().index()));
        TableColumn<RuleRow, RuleRow> pattern = column("Pattern", 220, r -> r.rule().match().text());
        pattern.getStyleClass().add("mono");
        TableColumn<RuleRow, RuleRow> action = column("Action", 90, r -> r.rule().action().wire());
        action.setCellFactory(c -> new ActionCell());
        TableColumn<RuleRow, RuleRow> key = column("Routing key (reference)", 200,
                r -> RuleText.reference(r.rule().routingKey()));
        TableColumn<RuleRow, RuleRow> severity = column("Severity", 150, RuleText::severityOf);
        TableColumn<RuleRow, RuleRow> hits = column("Hits", 80, r -> Formats.count(r.hits()));
        hits.getStyleClass().add("numeric");
        TableColumn<RuleRow, RuleRow> flags = column("Flags", 260, r -> String.join(" · ",
                RuleText.flags(r.rule())));
        table.getColumns().setAll(List.of(index, pattern, action, key, severity, hits, flags));
    }

    private static TableColumn<RuleRow, RuleRow> column(String title, double width, Function<RuleRow, String> text) {
        TableColumn<RuleRow, RuleRow> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(RuleRow row, boolean empty) {
                super.updateItem(row, empty);
                String shown = empty || row == null ? null : text.apply(row);
                setText(shown);
                setTooltip(shown == null || shown.isEmpty() ? null : new Tooltip(shown));
            }
        });
        return column;
    }

    /** The action as an icon and its word: pages stand out without relying on colour. */
    private static final class ActionCell extends TableCell<RuleRow, RuleRow> {
        @Override
        protected void updateItem(RuleRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(row.rule().action().wire() + (row.rule().shadow() ? " (shadow)" : ""));
            setGraphic(new FontIcon(switch (row.rule().action()) {
                case PAGE -> Material2MZ.NOTIFICATIONS_ACTIVE;
                case CHANGE -> Material2AL.CHANGE_HISTORY;
                case LOG -> Material2MZ.SUBJECT;
                case DROP -> Material2AL.DELETE_OUTLINE;
            }));
        }
    }
}
