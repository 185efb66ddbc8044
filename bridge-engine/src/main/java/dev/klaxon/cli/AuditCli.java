package dev.klaxon.cli;

import dev.klaxon.config.ConfigException;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code audit export|verify|tail}: the command line of {@link AuditCommand}. */
@Command(name = "audit", description = "Read and check the audit trail a bridge or console wrote.")
final class AuditCli {
    private final CliContext context;
    private final CountDownLatch stop;

    /** @param stop ends {@code audit tail} */
    AuditCli(CliContext context, CountDownLatch stop) {
        this.context = context;
        this.stop = stop;
    }

    @Command(name = "export", description = "Write the audit trail to standard output.")
    int export(@Option(names = "--format", paramLabel = "jsonl|jsonl+chain|csv",
                       description = "needed; jsonl+chain carries the chain, for verify --file") String format,
               @Option(names = "--since", paramLabel = "DURATION", description = "only the last DURATION, e.g. 24h")
               String since,
               @Option(names = "--subject", paramLabel = "PATTERN", description = "only subjects PATTERN matches")
               String subject,
               @Mixin ConfigOption config) throws UsageException, ConfigException {
        return new AuditCommand(context).export(format, since, subject, config.file);
    }

    @Command(name = "verify", description = "Check the audit chain; names the first broken row. Reads the config's "
            + "storage.dir unless --storage or --file says otherwise.")
    int verify(@Option(names = "--storage", paramLabel = "DIR", description = "the storage directory to check")
               String storage,
               @Option(names = "--file", paramLabel = "EXPORT.jsonl",
                       description = "an export written with --format jsonl+chain") String file,
               @Mixin ConfigOption config) throws UsageException, ConfigException {
        return new AuditCommand(context).verify(storage, file, config.file);
    }

    @Command(name = "tail", description = "Follow the audit trail until interrupted.")
    int tail(@Option(names = "--subject", paramLabel = "PATTERN", description = "only subjects PATTERN matches")
             String subject,
             @Mixin ConfigOption config) throws UsageException, ConfigException {
        return new AuditCommand(context).tail(subject, config.file, stop);
    }
}
