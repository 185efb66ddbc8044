package dev.klaxon.audit;

import static dev.klaxon.audit.AuditFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.testing.MutableClock;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditExportTest {
    private static final String NASTY = "a, b \"quoted\"\nsecond line\r\nthird, \"\"";

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private AuditLog audit;
    private ForwardedEvent forwarded;

    @BeforeEach
    void fill() throws Exception {
        audit = AuditLog.open(dir.resolve("audit.db"), clock);
        forwarded = new ForwardedEvent(T0, "alerts.prod.db", "route, \"1\"", "db/1", "trigger",
                "{\"routing_key\":\"********\",\"payload\":{\"summary\":\"" + "line1\\nline2, \\\"x\\\"" + "\"}}",
                List.of(new DeliveryAttempt(T0.plusSeconds(1), 503, NASTY),
                        new DeliveryAttempt(T0.plusSeconds(3), 202, "Event processed")),
                DeliveryState.DELIVERED, T0.plusSeconds(3), "db/1", "Event processed");
        audit.recordForwarded(forwarded);
        audit.recordAction(OperatorAction.failed(T0.plusSeconds(5), "bob", "incident.resolve", "P1", NASTY));
        clock.set(T0.plusSeconds(2));
        audit.recordConfigLoad(Path.of("/etc/k,laxon.yaml"), "ff", true, null); // at the clock
        audit.flush().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        audit.close();
    }

    @Test
    void jsonlIsOneParseableObjectPerRowOldestFirst() throws Exception {
        StringWriter out = new StringWriter();
        long written = audit.export(AuditQuery.all(), ExportFormat.JSONL, out);

        String[] lines = out.toString().split("\n", -1);
        assertThat(written).isEqualTo(3);
        assertThat(lines).hasSize(4);
        assertThat(lines[3]).isEmpty(); // newline-terminated
        ObjectMapper mapper = new ObjectMapper();
        JsonNode first = mapper.readTree(lines[0]);
        assertThat(first.get("kind").asText()).isEqualTo("forwarded");
        assertThat(first.get("at").asText()).isEqualTo(T0.toString());
        assertThat(first.get("rule").asText()).isEqualTo("route, \"1\"");
        assertThat(first.get("body").asText()).isEqualTo(forwarded.body());
        assertThat(first.get("attempts")).hasSize(2);
        assertThat(first.get("attempts").get(0).get("http_status").asInt()).isEqualTo(503);
        assertThat(first.get("attempts").get(0).get("message").asText()).isEqualTo(NASTY);
        JsonNode second = mapper.readTree(lines[1]);
        assertThat(second.get("kind").asText()).isEqualTo("config");
        assertThat(second.get("target").asText()).isEqualTo("/etc/k,laxon.yaml");
        JsonNode third = mapper.readTree(lines[2]);
        assertThat(third.get("actor").asText()).isEqualTo("bob");
        assertThat(third.get("message").asText()).isEqualTo(NASTY);
        assertThat(third.get("subject").isNull()).isTrue();
    }

    @Test
    void csvQuotesCommasQuotesAndLineBreaksAndParsesBack() throws Exception {
        StringWriter out = new StringWriter();
        audit.export(AuditQuery.all(), ExportFormat.CSV, out);

        List<List<String>> table = parseCsv(out.toString());
        assertThat(table).hasSize(4);
        List<String> header = table.get(0);
        assertThat(header).startsWith("kind", "id", "at");
        assertThat(table).allSatisfy(row -> assertThat(row).hasSize(header.size()));
        List<String> forwardedRow = table.get(1);
        assertThat(forwardedRow.get(header.indexOf("rule"))).isEqualTo("route, \"1\"");
        assertThat(forwardedRow.get(header.indexOf("body"))).isEqualTo(forwarded.body());
        JsonNode attempts = new ObjectMapper().readTree(forwardedRow.get(header.indexOf("attempts")));
        assertThat(attempts.get(0).get("message").asText()).isEqualTo(NASTY);
        assertThat(table.get(2).get(header.indexOf("target"))).isEqualTo("/etc/k,laxon.yaml");
        List<String> actionRow = table.get(3);
        assertThat(actionRow.get(header.indexOf("message"))).isEqualTo(NASTY);
        assertThat(actionRow.get(header.indexOf("state"))).isEqualTo("error");
        assertThat(actionRow.get(header.indexOf("subject"))).isEmpty();
    }

    @Test
    void csvMakesTextThatLooksLikeASpreadsheetFormulaInertAndJsonlKeepsItAsIs() throws Exception {
        String formula = "=HYPERLINK(\"https://evil.example\",\"runbook\")";
        audit.recordAction(OperatorAction.failed(T0.plusSeconds(9), "@mallory", "incident.note", "+1-555", formula));
        audit.flush().get(10, TimeUnit.SECONDS);

        StringWriter csv = new StringWriter();
        audit.export(AuditQuery.all().kinds(AuditKind.ACTION).text("mallory"), ExportFormat.CSV, csv);
        List<List<String>> table = parseCsv(csv.toString());
        List<String> header = table.get(0);
        assertThat(table.get(1).get(header.indexOf("message"))).isEqualTo("'" + formula);
        assertThat(table.get(1).get(header.indexOf("actor"))).isEqualTo("'@mallory");
        assertThat(table.get(1).get(header.indexOf("target"))).isEqualTo("'+1-555");

        StringWriter jsonl = new StringWriter();
        audit.export(AuditQuery.all().kinds(AuditKind.ACTION).text("mallory"), ExportFormat.JSONL, jsonl);
        assertThat(new ObjectMapper().readTree(jsonl.toString().strip()).get("message").asText()).isEqualTo(formula);
    }

    @Test
    void exportHonoursTheQueryAndAnEmptyCsvStillHasItsHeader() throws Exception {
        StringWriter jsonl = new StringWriter();
        assertThat(audit.export(AuditQuery.all().subject("alerts.>"), ExportFormat.JSONL, jsonl)).isEqualTo(1);
        assertThat(jsonl.toString().lines()).hasSize(1);

        StringWriter csv = new StringWriter();
        assertThat(audit.export(AuditQuery.all().since(T0.plusSeconds(3600)), ExportFormat.CSV, csv)).isZero();
        assertThat(parseCsv(csv.toString())).hasSize(1);
    }

    /** A strict RFC 4180 reader, written here so the test does not trust the exporter's own notion of CSV. */
    private static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        boolean quoted = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"') {
                assertThat(field).as("quote only at the start of a field").isEmpty();
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                assertThat(c).as("bare line break outside quotes").isNotIn('\r', '\n');
                field.append(c);
            }
            i++;
        }
        assertThat(quoted).as("unterminated quote").isFalse();
        assertThat(field).as("last line ends with CRLF").isEmpty();
        return rows;
    }
}
