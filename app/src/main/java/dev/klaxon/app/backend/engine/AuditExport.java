package dev.klaxon.app.backend.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.klaxon.audit.AuditRow;
import dev.klaxon.audit.CsvField;
import dev.klaxon.audit.DeliveryAttempt;
import dev.klaxon.audit.ExportFormat;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;

/**
 * Writes audit rows as CSV (RFC 4180: header, CRLF, quoted when needed) or JSONL (one object per line), with the
 * same fields the engine's own export uses, so a file from the console and one from {@code audit export} can be
 * read by the same script. Pure and thread-agnostic: the view calls it on a background thread.
 */
public final class AuditExport {
    public static final List<String> COLUMNS = List.of("kind", "id", "at", "recorded_at", "subject", "rule", "dedup_key",
            "event_action", "state", "delivered_at", "pd_dedup_key", "actor", "action", "target", "sha256", "message",
            "attempts", "http_statuses", "body");

    private static final JsonFactory JSON = new JsonFactory();

    private AuditExport() {
    }

    public static void write(List<AuditRow> rows, ExportFormat format, Writer out) throws IOException {
        if (format == ExportFormat.CSV) {
            writeCsvRecord(out, COLUMNS);
            for (AuditRow row : rows) {
                writeCsvRecord(out, values(row));
            }
        } else {
            for (AuditRow row : rows) {
                writeJsonLine(out, row);
            }
        }
        out.flush();
    }

    private static List<String> values(AuditRow row) {
        return java.util.Arrays.asList(row.kind().label(), Long.toString(row.id()), time(row.at()),
                time(row.recordedAt()), row.subject(), row.rule(), row.dedupKey(), row.eventAction(), row.state(),
                time(row.deliveredAt()), row.pagerDutyDedupKey(), row.actor(), row.action(), row.target(),
                row.sha256(), row.message(), Integer.toString(row.attempts().size()), statuses(row), row.body());
    }

    /** "429 503 202": the HTTP statuses in order; "-" for an attempt that got no answer. */
    private static String statuses(AuditRow row) {
        StringBuilder out = new StringBuilder();
        for (DeliveryAttempt a : row.attempts()) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(a.httpStatus() == null ? "-" : a.httpStatus().toString());
        }
        return out.toString();
    }

    private static void writeCsvRecord(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(CsvField.of(fields.get(i)));
        }
        out.write("\r\n");
    }

    private static void writeJsonLine(Writer out, AuditRow row) throws IOException {
        // A generator per line that must not close the caller's writer; the newline is ours.
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            List<String> values = values(row);
            for (int i = 0; i < COLUMNS.size(); i++) {
                String column = COLUMNS.get(i);
                if (column.equals("attempts")) {
                    json.writeArrayFieldStart("attempts");
                    for (DeliveryAttempt a : row.attempts()) {
                        json.writeStartObject();
                        json.writeStringField("at", time(a.at()));
                        if (a.httpStatus() == null) {
                            json.writeNullField("http_status");
                        } else {
                            json.writeNumberField("http_status", a.httpStatus());
                        }
                        json.writeStringField("message", a.message());
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                } else if (column.equals("id")) {
                    json.writeNumberField("id", row.id());
                } else if (!column.equals("http_statuses")) {
                    json.writeStringField(column, values.get(i));
                }
            }
            json.writeEndObject();
        }
        out.write('\n');
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
