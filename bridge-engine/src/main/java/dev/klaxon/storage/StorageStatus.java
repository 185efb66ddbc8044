package dev.klaxon.storage;

import java.time.Instant;

/**
 * Whether the engine's storage takes writes, and what that costs: for the console's banner and {@code run}'s log.
 *
 * @param state         the worst state of the outbox and audit files
 * @param since         when storage stopped taking writes; null when {@link StorageState#OK}
 * @param problem       one line naming the file, the OS reason and what to do; null when OK
 * @param heldInMemory  events for PagerDuty accepted but not yet committed to the outbox: they wait in memory and are
 *                      committed (then sent) when storage takes writes again; lost if the process stops first
 * @param holdLimit     how many events may wait in memory; past it new ones are lost (and counted in {@code lost})
 * @param lost          events for PagerDuty lost since start because storage could not take them: never sent
 * @param auditRowsLost audit rows that could not be written since start
 */
public record StorageStatus(StorageState state, Instant since, String problem, int heldInMemory, int holdLimit,
                            long lost, long auditRowsLost) {

    /** Storage as it is before anything was written: fine, nothing held, nothing lost. */
    public static StorageStatus ok(int holdLimit) {
        return new StorageStatus(StorageState.OK, null, null, 0, holdLimit, 0, 0);
    }

    public boolean healthy() {
        return state == StorageState.OK;
    }
}
