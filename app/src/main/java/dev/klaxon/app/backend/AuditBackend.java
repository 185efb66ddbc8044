package dev.klaxon.app.backend;

import dev.klaxon.audit.AuditQuery;
import dev.klaxon.audit.AuditRow;
import dev.klaxon.audit.ChainVerification;
import dev.klaxon.audit.ExportFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The audit trail: search it, and write what the view shows to a file. */
public interface AuditBackend {
    CompletableFuture<List<AuditRow>> search(AuditQuery query);

    /**
     * Checks the audit trail's hash chain; completes with null while there is no audit trail yet (engine not
     * started). Reads the whole chain: seconds for a large trail.
     */
    CompletableFuture<ChainVerification> verifyChain();

    /** Writes these rows to {@code file} (CSV with formula-like text neutralised, or JSON Lines). */
    CompletableFuture<Void> export(List<AuditRow> rows, ExportFormat format, Path file);
}
