package dev.klaxon.app.backend.engine;

import dev.klaxon.app.backend.AuditBackend;
import dev.klaxon.audit.AuditQuery;
import dev.klaxon.audit.AuditRow;
import dev.klaxon.audit.ChainVerification;
import dev.klaxon.audit.ExportFormat;
import dev.klaxon.engine.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The engine's audit database, searched and exported on the read thread. */
record EngineAudit(Engine engine, BackendThreads threads) implements AuditBackend {
    @Override
    public CompletableFuture<List<AuditRow>> search(AuditQuery query) {
        return threads.read(() -> engine.searchAudit(query));
    }

    @Override
    public CompletableFuture<ChainVerification> verifyChain() {
        return threads.read(() -> engine.verifyAudit().orElse(null));
    }

    @Override
    public CompletableFuture<Void> export(List<AuditRow> rows, ExportFormat format, Path file) {
        List<AuditRow> copy = List.copyOf(rows);
        return threads.read(() -> {
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                AuditExport.write(copy, format, out);
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        });
    }
}
