package dev.klaxon.audit;

import static dev.klaxon.audit.AuditFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.decision.Outcome;
import dev.klaxon.testing.MutableClock;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An export carries the chain, so a copy verifies without the database and an edited copy names its line. */
class AuditExportChainTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);

    private Path export(AuditQuery query) throws Exception {
        Path file = dir.resolve("export.jsonl");
        try (AuditLog audit = AuditLog.open(dir.resolve("audit.db"), clock,
                AuditSettings.defaults().withRetention(Duration.ofDays(30)))) {
            if (audit.verifyChain().entries() == 1) {
                clock.set(T0.plus(Duration.ofDays(40))); // config loads are recorded at the clock's time
                audit.recordForwarded(AuditFixtures.delivered(T0, "alerts.prod.a", "old"));
                audit.recordForwarded(AuditFixtures.delivered(T0.plus(Duration.ofDays(40)), "alerts.prod.a", "k1"));
                audit.recordAction(OperatorAction.failed(T0.plus(Duration.ofDays(40)), "bob", "incident.resolve",
                        "P1", "line1\nline2, \"quoted\""));
                audit.recordConfigLoad(Path.of("/etc/klaxon.yaml"), "ff", false, "2 errors");
                audit.recordForwarded(AuditFixtures.shadowed(T0.plus(Duration.ofDays(41)), "alerts.staging.b"));
                audit.count("alerts.x", Outcome.DROPPED, "no rule", T0, "sample");
                audit.flush().get(10, TimeUnit.SECONDS);
                audit.prune(T0.plus(Duration.ofDays(35))).get(10, TimeUnit.SECONDS);
            }
            StringWriter out = new StringWriter();
            audit.exportWithChain(query, out);
            Files.writeString(file, out.toString());
        }
        return file;
    }

    private Path edit(Path file, String from, String to) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(from)) {
                lines.set(i, lines.get(i).replace(from, to));
                break;
            }
        }
        Files.write(file, lines);
        return file;
    }

    @Test
    void anExportedCopyVerifiesWithoutTheDatabase() throws Exception {
        Path file = export(AuditQuery.all());

        ChainVerification result = AuditLog.verifyExport(file, AuditChainKey.none());

        assertThat(result.intact()).as(result.summary()).isTrue();
        assertThat(Files.readAllLines(file)).last().isEqualTo("{\"chain_end\":{\"complete\":true}}");
        assertThat(Files.readString(file)).doesNotContain("\"dedup_key\":\"old\""); // pruned before the export
    }

    @Test
    void anEditedLineOfTheCopyIsNamedWithItsLineNumber() throws Exception {
        Path file = edit(export(AuditQuery.all()), "\"actor\":\"bob\"", "\"actor\":\"alice\"");
        int line = 1 + Files.readAllLines(file).indexOf(Files.readAllLines(file).stream()
                .filter(text -> text.contains("alice")).findFirst().orElseThrow());

        ChainVerification result = AuditLog.verifyExport(file, AuditChainKey.none());

        assertThat(result.firstBreak().table()).isEqualTo("actions");
        assertThat(result.firstBreak().rowId()).isEqualTo(1L);
        assertThat(result.firstBreak().reason())
                .contains("differs from what was written", "(line " + line + " of the export)");
    }

    @Test
    void aLineRemovedFromACompleteCopyIsNamed() throws Exception {
        Path file = export(AuditQuery.all());
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.removeIf(line -> line.contains("\"kind\":\"config\""));
        Files.write(file, lines);

        ChainVerification result = AuditLog.verifyExport(file, AuditChainKey.none());

        assertThat(result.firstBreak().table()).isEqualTo("config_loads");
        assertThat(result.firstBreak().reason()).contains("deleted");
    }

    @Test
    void aFilteredCopyVerifiesTheRowsItHolds() throws Exception {
        export(AuditQuery.all());
        Path file = export(AuditQuery.all().subject("alerts.staging.>"));

        assertThat(AuditLog.verifyExport(file, AuditChainKey.none()).intact()).isTrue();
        Path edited = edit(file, "alerts.staging.b", "alerts.staging.c");
        assertThat(AuditLog.verifyExport(edited, AuditChainKey.none()).firstBreak().table()).isEqualTo("forwarded");
    }

    @Test
    void aCopyWithoutTheChainSaysSo() throws Exception {
        Path file = dir.resolve("plain.jsonl");
        Files.writeString(file, "{\"kind\":\"action\",\"id\":1}\n");

        assertThat(AuditLog.verifyExport(file, AuditChainKey.none()).summary()).contains("ends without the chain");
    }
}
