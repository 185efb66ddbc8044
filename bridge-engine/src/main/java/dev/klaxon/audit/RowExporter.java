package dev.klaxon.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Writes rows one at a time, so an export of any size streams without holding the result in memory. */
final class RowExporter {
    private final ObjectMapper mapper;
    private final AttemptsJson attempts;
    private final ExportFormat format;
    private final Writer out;
    private boolean started;

    RowExporter(ObjectMapper mapper, AttemptsJson attempts, ExportFormat format, Writer out) {
        this.mapper = mapper;
        this.attempts = attempts;
        this.format = format;
        this.out = out;
    }

    /** Writes the CSV header even when no row follows, so an empty export is still a valid table. */
    void begin() throws IOException {
        if (format == ExportFormat.CSV && !started) {
            writeCsvLine(AuditReader.columns());
        }
        started = true;
    }

    void write(AuditRow row) throws IOException {
        begin();
        List<String> values = values(row);
        if (format == ExportFormat.CSV) {
            writeCsvLine(values);
        } else {
            writeJsonLine(row, values);
        }
    }

    private List<String> values(AuditRow row) {
        return Arrays.asList(row.kind().label(), Long.toString(row.id()), text(row.at()),
                text(row.recordedAt()), row.subject(), row.rule(), row.dedupKey(), row.eventAction(), row.state(),
                text(row.deliveredAt()), row.pagerDutyDedupKey(), row.actor(), row.action(), row.target(),
                row.sha256(), row.message(),
                row.kind() == AuditKind.FORWARDED ? attempts.write(row.attempts()) : null, row.body());
    }

    private void writeJsonLine(AuditRow row, List<String> values) throws IOException {
        List<String> names = AuditReader.columns();
        ObjectNode node = mapper.createObjectNode();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.equals("id")) {
                node.put(name, row.id());
            } else if (name.equals("attempts")) {
                if (row.kind() == AuditKind.FORWARDED) {
                    node.set(name, attempts.toTree(row.attempts()));
                } else {
                    node.putNull(name);
                }
            } else {
                node.put(name, values.get(i));
            }
        }
        out.write(mapper.writeValueAsString(node)); // compact: Jackson escapes line breaks inside strings
        out.write('\n');
    }

    private void writeCsvLine(List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(CsvField.of(values.get(i)));
        }
        out.write("\r\n");
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
