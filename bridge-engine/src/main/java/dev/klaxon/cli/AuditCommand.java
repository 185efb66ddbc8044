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

    int run(List<String> args, CountDownLatch stop) throws UsageException, ConfigException {
        if (args.isEmpty()) {
            throw new UsageException("expected \"audit export\", \"audit tail\" or \"audit verify\"");
        }
        Arguments arguments = Arguments.parse(args.subList(1, args.size()),
                Set.of("config", "format", "since", "subject", "storage", "file"));
        if (!arguments.positional().isEmpty()) {
            throw new UsageException("unexpected argument \"" + arguments.positional().get(0) + "\"");
        }
        boolean verifyOptions = arguments.option("storage") != null || arguments.option("file") != null;
        if (!args.get(0).equals("verify") && verifyOptions) {
            throw new UsageException("--storage and --file are for audit verify");
        }
        checkSubject(arguments.option("subject"));
        return switch (args.get(0)) {
            case "export" -> export(arguments);
            case "tail" -> tail(arguments, stop);
            case "verify" -> verify(arguments);
            default -> throw new UsageException("unknown audit command \"" + args.get(0) + "\"");
        };
    }

    private int export(Arguments arguments) throws UsageException, ConfigException {
        ExportFormat format = format(arguments.option("format"));
        AuditQuery query = AuditQuery.all();
        if (arguments.option("since") != null) {
            query = query.since(context.clock().instant().minus(duration(arguments.option("since"))));
        }
        if (arguments.option("subject") != null) {
            query = query.subject(arguments.option("subject"));
        }
        try (AuditLog audit = open(arguments)) {
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

    private int tail(Arguments arguments, CountDownLatch stop) throws UsageException, ConfigException {
        if (arguments.option("format") != null || arguments.option("since") != null) {
            throw new UsageException("audit tail takes only --config and --subject");
        }
        try (AuditLog audit = open(arguments)) {
            Instant since = context.clock().instant().minus(TAIL_BACKLOG);
            Set<String> shown = new HashSet<>();
            do {
                List<AuditRow> rows = audit.tail(since);
                for (AuditRow row : rows) {
                    // Rows written in the same millisecond as the last one seen come again: show each once.
                    if (shown.add(row.kind() + "#" + row.id()) && matches(arguments.option("subject"), row)) {
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

    private AuditLog open(Arguments arguments) throws UsageException, ConfigException {
        KlaxonConfig config = new ConfigSource(context).load(arguments);
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
    private int verify(Arguments arguments) throws UsageException, ConfigException {
        if (arguments.option("format") != null || arguments.option("since") != null
                || arguments.option("subject") != null) {
            throw new UsageException("audit verify takes --config, --storage DIR or --file EXPORT.jsonl");
        }
        int sources = (arguments.option("config") != null ? 1 : 0) + (arguments.option("storage") != null ? 1 : 0)
                + (arguments.option("file") != null ? 1 : 0);
        if (sources > 1) {
            throw new UsageException("audit verify takes one of --config, --storage and --file");
        }
        ChainVerification result;
        // The config (and with it storage.audit_chain_key_file) is read unless --storage or --file stands alone.
        KlaxonConfig config = sources == 0 || arguments.option("config") != null
                ? new ConfigSource(context).load(arguments) : null;
        AuditChainKey key = config == null ? AuditChainKey.none() : AuditFile.key(config.storage());
        if (arguments.option("file") != null) {
            Path file = Path.of(arguments.option("file"));
            try {
                result = AuditLog.verifyExport(file, key);
            } catch (IOException e) {
                context.err().println("error: cannot read " + file + ": " + e.getMessage());
                return Main.FAILURE;
            }
        } else {
            Path dir = arguments.option("storage") != null ? Path.of(arguments.option("storage"))
                    : config.storage().dir();
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
