package dev.klaxon.metrics;

import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.nats.ConnectionState;
import dev.klaxon.storage.StorageState;

/**
 * Whether the bridge can do its job now: connected to NATS and its storage takes writes. A bridge that is not ready
 * still runs and recovers by itself; a supervisor or load balancer should only stop counting on it meanwhile.
 *
 * @param reason what is wrong, in words; "ready" when nothing is
 */
public record Readiness(boolean ready, String reason) {

    public static Readiness of(EngineSnapshot snapshot) {
        if (snapshot.connection() == null || snapshot.connection().state() != ConnectionState.CONNECTED) {
            String detail = snapshot.connection() == null ? "not started" : snapshot.connection().state().name()
                    .toLowerCase(java.util.Locale.ROOT) + (snapshot.connection().detail() == null ? ""
                    : " (" + snapshot.connection().detail() + ")");
            return new Readiness(false, "not connected to NATS: " + detail);
        }
        if (snapshot.storage().state() != StorageState.OK) {
            return new Readiness(false, "storage does not take writes: " + snapshot.storage().problem());
        }
        return new Readiness(true, "ready");
    }
}
