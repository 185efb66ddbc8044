package dev.klaxon.audit;

import java.time.Instant;

/** Audit rows for the command tests, which live in another package than the fixtures. */
public final class AuditFixturesForCli {
    private AuditFixturesForCli() {
    }

    public static void recordTwoEventsAndAnAction(AuditLog audit, Instant at) {
        audit.recordForwarded(AuditFixtures.delivered(at, "alerts.prod.a", "k1"));
        audit.recordForwarded(AuditFixtures.delivered(at.plusMillis(1), "alerts.prod.a", "k2"));
        audit.recordAction(OperatorAction.succeeded(at.plusMillis(2), "alice", "silence.add", "alerts.>"));
    }
}
