package dev.klaxon.app.ui.audit;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.app.backend.engine.AuditExport;
import dev.klaxon.app.testing.FakeEngine;
import dev.klaxon.app.testing.ShownWindow;
import dev.klaxon.app.ui.shell.MainWindow;
import dev.klaxon.audit.AuditKind;
import dev.klaxon.audit.AuditRow;
import dev.klaxon.audit.ChainVerification;
import dev.klaxon.audit.DeliveryAttempt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The audit view inside the main window, against a fake audit: switching, filtering, details and export. */
@ExtendWith(ApplicationExtension.class)
class AuditViewTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Instant NOW = Instant.now();
    private static final String BODY = "{\"routing_key\":\"********\",\"event_action\":\"trigger\","
            + "\"dedup_key\":\"db-1-disk\",\"payload\":{\"summary\":\"Disk 91%, \\\"db-1\\\"\",\"severity\":\"error\"}}";

    private final FakeEngine engine = new FakeEngine();
    private MainWindow window;

    @TempDir
    Path temp;

    @Start
    void start(Stage stage) {
        engine.audit(List.of(
                new AuditRow(AuditKind.FORWARDED, 3, NOW.minusSeconds(10), NOW.minusSeconds(9), "alerts.prod.db.db-1",
                        "routes[0]", "db-1-disk", "trigger", "delivered", NOW.minusSeconds(8), "db-1-disk", null, null,
                        null, null, "Event processed",
                        List.of(new DeliveryAttempt(NOW.minusSeconds(9), 429, "rate limited"),
                                new DeliveryAttempt(NOW.minusSeconds(8), 202, "Event processed")), BODY),
                new AuditRow(AuditKind.ACTION, 2, NOW.minusSeconds(60), NOW.minusSeconds(60), null, null, null, null,
                        "ok", null, null, "oncall@example.com", "acknowledge", "PT4KHLK", null, null, List.of(), null),
                new AuditRow(AuditKind.CONFIG, 1, NOW.minusSeconds(120), NOW.minusSeconds(120), null, null, null,
                        null, "ok", null, null, null, null, "/etc/klaxon/payments.yaml", "ab12", "loaded, 3 routes",
                        List.of(), null)));
        window = ShownWindow.show(stage, engine, "Waiting");
    }

    @AfterEach
    void stop() {
        ShownWindow.close(window);
    }

    @SuppressWarnings("unchecked")
    private TableView<AuditRow> table(FxRobot robot) {
        return robot.lookup("#audit-table").queryAs(TableView.class);
    }

    private List<Long> shownIds(FxRobot robot) {
        TableView<AuditRow> table = table(robot);
        return fx(() -> table.getItems().stream().map(AuditRow::id).toList());
    }

    private void openAudit(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        await().atMost(PATIENCE).until(() -> shownIds(robot).size() == 3);
    }

    @Test
    void theChainIsCheckedWhenTheViewOpensAndABreakIsNamedInWords(FxRobot robot) {
        engine.chain(new ChainVerification(3, 3, null, java.util.Map.of()));
        openAudit(robot);
        Label chain = robot.lookup("#audit-chain").queryAs(Label.class);
        await().atMost(PATIENCE).until(() -> "Chain verified up to row 3".equals(fx(chain::getText)));
        assertThat(fx(() -> chain.getTooltip().getText())).contains("chain verified up to row 3 (3 entries)");
        assertThat(fx(() -> chain.getStyleClass().contains("audit-error"))).isFalse();

        // Someone edited a row: a Refresh checks again at once, without waiting for the minute.
        engine.chain(new ChainVerification(1, 3, new ChainVerification.Break(2, "forwarded", 3L,
                "the row differs from what was chained"), java.util.Map.of()));
        robot.clickOn("#audit-refresh");
        await().atMost(PATIENCE).until(() -> "Chain broken at forwarded row 3".equals(fx(chain::getText)));
        assertThat(fx(() -> chain.getStyleClass().contains("audit-error"))).isTrue();
        assertThat(fx(() -> chain.getTooltip().getText())).contains("the row differs from what was chained");
    }

    @Test
    void ctrl2ShowsTheAuditNewestFirstAndTheTextFilterNarrowsIt(FxRobot robot) {
        assertThat(robot.lookup("#audit-table").tryQuery()).isEmpty(); // the live view comes first
        openAudit(robot);
        assertThat(fx(() -> window.showing(AuditView.class))).isTrue();
        assertThat(shownIds(robot)).containsExactly(3L, 2L, 1L);
        assertThat(fx(() -> robot.lookup("#audit-count").queryAs(Label.class).getText())).isEqualTo("3 rows");

        robot.clickOn("#audit-text").write("payments");
        await().atMost(PATIENCE).until(() -> shownIds(robot).equals(List.of(1L)));
        assertThat(engine.auditQueries().get(engine.auditQueries().size() - 1).text()).isEqualTo("payments");

        robot.doubleClickOn("#audit-text").eraseText(8).write("nothing like this");
        await().atMost(PATIENCE).until(() -> shownIds(robot).isEmpty());
        // The table shows its placeholder on the layout pass after its rows go, not at once.
        await().atMost(PATIENCE).until(() -> robot.lookup("#audit-placeholder").tryQuery().isPresent());
        Label placeholder = robot.lookup("#audit-placeholder").queryAs(Label.class);
        assertThat(fx(placeholder::getText)).startsWith("Nothing matches these filters");

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        await().atMost(PATIENCE).until(() -> !fx(() -> window.showing(AuditView.class)));
    }

    @Test
    void selectingAForwardedRowShowsTheBodySentAndEveryAttempt(FxRobot robot) {
        openAudit(robot);
        fx(() -> {
            table(robot).getSelectionModel().select(0);
            return null;
        });
        TextArea detail = robot.lookup("#audit-detail").queryAs(TextArea.class);
        String text = fx(detail::getText);
        assertThat(text).contains("alerts.prod.db.db-1", "\"routing_key\": \"********\"", "\"dedup_key\": \"db-1-disk\"",
                "HTTP 429", "HTTP 202", "rate limited");
        assertThat(fx(detail::isEditable)).isFalse();

        // An auto-refresh with the same rows keeps the selection.
        fx(() -> {
            window.view(AuditView.class).refresh();
            return null;
        });
        int queries = engine.auditQueries().size();
        await().atMost(PATIENCE).until(() -> engine.auditQueries().size() > queries);
        assertThat(fx(() -> table(robot).getSelectionModel().getSelectedItem().id())).isEqualTo(3L);
    }

    @Test
    void exportsTheShownRowsAsCsvThatParsesBack(FxRobot robot) throws Exception {
        openAudit(robot);
        Path file = temp.resolve("audit.csv");
        fx(() -> {
            window.view(AuditView.class).setExportTarget((owner, format) -> file);
            robot.lookup("#audit-export").queryAs(MenuButton.class).getItems().get(0).fire();
            return null;
        });
        Label notice = robot.lookup("#audit-notice").queryAs(Label.class);
        await().atMost(PATIENCE).until(() -> fx(notice::getText).startsWith("Exported 3 rows"));

        List<List<String>> records = parseCsv(Files.readString(file, StandardCharsets.UTF_8));
        assertThat(records).hasSize(4);
        List<String> header = records.get(0);
        assertThat(header).isEqualTo(AuditExport.COLUMNS);
        List<String> forwarded = records.get(1);
        assertThat(forwarded.get(header.indexOf("kind"))).isEqualTo("forwarded");
        assertThat(forwarded.get(header.indexOf("body"))).isEqualTo(BODY); // commas and quotes survive
        assertThat(forwarded.get(header.indexOf("http_statuses"))).isEqualTo("429 202");
        assertThat(records.get(2).get(header.indexOf("actor"))).isEqualTo("oncall@example.com");
        assertThat(records.get(3).get(header.indexOf("message"))).isEqualTo("loaded, 3 routes");
    }

    /** A strict RFC 4180 reader: quoted fields, doubled quotes, CRLF record ends. */
    private static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertThat(field).isEmpty();
        assertThat(record).isEmpty();
        return records;
    }
}
