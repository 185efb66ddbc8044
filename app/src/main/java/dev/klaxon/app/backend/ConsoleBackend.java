package dev.klaxon.app.backend;

/**
 * The console's one door to the engine and to PagerDuty, grouped by the views that use it. Engine records and enums
 * pass through it; engine services never do.
 *
 * <p>Threading contract, for every group: a method that answers with a plain value reads memory only and may be
 * called on the FX thread; a method that may touch a disk, a database, a lock or the network answers with a
 * {@link java.util.concurrent.CompletableFuture} completed off the FX thread. The console comes back to the FX thread
 * in one way only: {@code dev.klaxon.app.ui.common.FxThread.whenDone}.
 */
public interface ConsoleBackend {
    /** What the live view, the status bar and the flood view read once per frame. */
    LiveBackend live();

    /** Silence, escalate and release held triggers: actions several views offer. */
    ActionsBackend actions();

    IncidentsBackend incidents();

    SilencesBackend silences();

    AuditBackend audit();

    DeadLettersBackend deadLetters();

    RulesBackend rules();

    SettingsBackend settings();

    /** Team mode: take or hand over the sender role (the team's state itself comes with each snapshot). */
    TeamBackend team();
}
