package dev.klaxon.cli;

import dev.klaxon.audit.AuditChainKey;
import dev.klaxon.audit.AuditLog;
import dev.klaxon.audit.AuditQuery;
import dev.klaxon.audit.AuditRow;
import dev.klaxon.audit.ChainVerification;
import dev.klaxon.audit.ExportFormat;
import dev.klaxon.config.ConfigException;
import dev.klaxon.config.DurationText;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.route.SubjectPattern;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code audit export}, {@code audit tail} and {@code audit verify}: read and check the audit trail a bridge or
 * console wrote.
 */
final class AuditCommand {
    private static final Duration TAIL_BACKLOG = Duration.ofMinutes(10);

    private final CliContext context;

    AuditCommand(CliContext context) {
        this.context = context;
    }

    /** Each option is its text as given, or null when absent. */
    int export(String formatOption, String sinceOption, String subject, String configFile)
            throws UsageException, ConfigException {
        checkSubject(subject);
        ExportFormat format = format(formatOption);
        AuditQuery query = AuditQuery.all();
        if (sinceOption != null) {
            query = query.since(context.clock().instant().minus(duration(sinceOption)));
        }
        if (subject != null) {
            query = query.subject(subject);
        }
        try (AuditLog audit = open(configFile)) {
            Writer out = new OutputStreamWriter(context.out(), StandardCharsets.UTF_8);
            if (format == null) {
                audit.exportWithChain(query, out);
            } else {
                audit.export(query, format, out);
            }
            out.flush();
            return Main.OK;
        } catch (IOException e) {
            context.err().println("error: export failed: " + e.getMessage());
            return Main.FAILURE;
        }
    }

    /** Until {@code stop} opens. */
    int tail(String subject, String configFile, CountDownLatch stop) throws UsageException, ConfigException {
        checkSubject(subject);
        try (AuditLog audit = open(configFile)) {
            Instant since = context.clock().instant().minus(TAIL_BACKLOG);
            Set<String> shown = new HashSet<>();
            do {
                List<AuditRow> rows = audit.tail(since);
                for (AuditRow row : rows) {
                    // Rows written in the same millisecond as the last one seen come again: show each once.
                    if (shown.add(row.kind() + "#" + row.id()) && matches(subject, row)) {
                        context.out().println(line(row));
                    }
                    since = row.recordedAt().isAfter(since) ? row.recordedAt() : since;
                }
            } while (!stop.await(1, TimeUnit.SECONDS));
            return Main.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.OK;
        }
    }

    private static boolean matches(String pattern, AuditRow row) {
        return pattern == null || (row.subject() != null
                && SubjectPattern.compile(pattern).matches(row.subject()));
    }

    private static String line(AuditRow row) {
        StringBuilder line = new StringBuilder().append(row.at()).append(' ')
                .append(row.kind().name().toLowerCase(Locale.ROOT));
        append(line, row.subject());
        append(line, row.rule());
        append(line, row.eventAction());
        append(line, row.dedupKey());
        append(line, row.state());
        append(line, row.actor());
        append(line, row.action());
        append(line, row.target());
        append(line, row.message());
        return line.toString();
    }

    private static void append(StringBuilder line, String value) {
        if (value != null && !value.isBlank()) {
            line.append("  ").append(value.replaceAll("\\p{Cntrl}", " "));
        }
    }

    private AuditLog open(String configFile) throws UsageException, ConfigException {
        KlaxonConfig config = new ConfigSource(context).load(configFile);
        return AuditFile.open(config, context.clock());
    }

    /** A bad pattern is the user's to fix: said up front, not as a failure halfway through reading the audit. */
    private static void checkSubject(String pattern) throws UsageException {
        if (pattern == null) {
            return;
        }
        try {
            SubjectPattern.compile(pattern);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--subject: " + e.getMessage());
        }
    }

    /** @return null for {@code jsonl+chain}: JSONL followed by the chain, for {@code audit verify --file} */
    private static ExportFormat format(String text) throws UsageException {
        if (text == null) {
            throw new UsageException("audit export needs --format jsonl, jsonl+chain or csv");
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "jsonl" -> ExportFormat.JSONL;
            case "jsonl+chain" -> null;
            case "csv" -> ExportFormat.CSV;
            default -> throw new UsageException("--format must be jsonl, jsonl+chain or csv, got \"" + text + "\"");
        };
    }

    /**
     * Checks the chain of the audit database (read only: evidence is not migrated by checking it) or of an export
     * written with {@code --format jsonl+chain}. Exit 0 and one line on standard output when it verifies; exit 1 and
     * one line naming the first broken row on standard error when it does not.
     */
    int verify(String storage, String exportFile, String configFile) throws UsageException, ConfigException {
        int sources = (configFile != null ? 1 : 0) + (storage != null ? 1 : 0) + (exportFile != null ? 1 : 0);
        if (sources > 1) {
            throw new UsageException("audit verify takes one of --config, --storage and --file");
        }
        ChainVerification result;
        // The config (and with it storage.audit_chain_key_file) is read unless --storage or --file stands alone.
        KlaxonConfig config = sources == 0 || configFile != null ? new ConfigSource(context).load(configFile) : null;
        AuditChainKey key = config == null ? AuditChainKey.none() : AuditFile.key(config.storage());
        if (exportFile != null) {
            Path file = Path.of(exportFile);
            try {
                result = AuditLog.verifyExport(file, key);
            } catch (IOException e) {
                context.err().println("error: cannot read " + file + ": " + e.getMessage());
                return Main.FAILURE;
            }
        } else {
            Path dir = storage != null ? Path.of(storage) : config.storage().dir();
            result = AuditLog.verifyDatabase(dir.resolve("audit.db"), key);
        }
        if (result.intact()) {
            context.out().println(result.summary());
            return Main.OK;
        }
        context.err().println("error: " + result.summary());
        return Main.FAILURE;
    }

    private static Duration duration(String text) throws UsageException {
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--since: " + e.getMessage());
        }
    }
}
