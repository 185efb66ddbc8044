package dev.klaxon.app.backend.engine;

import dev.klaxon.app.backend.ActionsBackend;
import dev.klaxon.app.backend.AuditBackend;
import dev.klaxon.app.backend.ConsoleBackend;
import dev.klaxon.app.backend.DeadLettersBackend;
import dev.klaxon.app.backend.IncidentsBackend;
import dev.klaxon.app.backend.LiveBackend;
import dev.klaxon.app.backend.RulesBackend;
import dev.klaxon.app.backend.SettingsBackend;
import dev.klaxon.app.backend.SilencesBackend;
import dev.klaxon.app.backend.TeamBackend;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.engine.Engine;
import dev.klaxon.engine.ReloadResult;
import dev.klaxon.incidents.IncidentDesk;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The console's door implemented over a running {@link Engine} and {@link IncidentDesk}. Their owner starts and
 * closes them; closing this only stops the backend's own threads.
 */
public final class EngineBackend implements ConsoleBackend, AutoCloseable {
    private final BackendThreads threads = new BackendThreads();
    private final LiveBackend live;
    private final ActionsBackend actions;
    private final IncidentsBackend incidents;
    private final SilencesBackend silences;
    private final AuditBackend audit;
    private final DeadLettersBackend deadLetters;
    private final RulesBackend rules;
    private final SettingsBackend settings;
    private final TeamBackend team;

    /**
     * @param browser     opens a web page in the desktop's browser, or null where there is none
     * @param environment where settings given by environment variable are read (the process environment)
     * @param loader      reads config files, as Klaxon does at start (its home resolves {@code ~})
     * @param reload      reloads the engine from its config file; null where the config is not a file's (demo)
     */
    public EngineBackend(Engine engine, IncidentDesk desk, Consumer<String> browser, UnaryOperator<String> environment,
                         ConfigLoader loader, Clock clock, Supplier<ReloadResult> reload) {
        this.live = new EngineLive(engine);
        this.actions = new EngineActions(engine, threads);
        this.silences = new EngineSilences(engine, threads);
        this.audit = new EngineAudit(engine, threads);
        this.incidents = new DeskIncidents(desk, audit, url -> open(browser, url));
        this.deadLetters = new EngineDeadLetters(engine, threads);
        this.rules = new EngineRules(engine, threads);
        this.settings = new FileSettings(engine.config(), loader, environment, clock, threads, reload);
        this.team = new EngineTeam(engine, engine.operator(), threads);
    }

    /** With the process environment, the default config loader and the system clock. */
    public static EngineBackend of(Engine engine, IncidentDesk desk, Consumer<String> browser) {
        return of(engine, desk, browser, null);
    }

    /** As above, with a way to reload the engine from its config file (Settings → Save and apply). */
    public static EngineBackend of(Engine engine, IncidentDesk desk, Consumer<String> browser,
                                   Supplier<ReloadResult> reload) {
        return new EngineBackend(engine, desk, browser, System::getenv, new ConfigLoader(), Clock.systemUTC(),
                reload);
    }

    /** A desktop browser launch may wait for the browser to start: on the read thread, never the FX thread. */
    private CompletableFuture<Void> open(Consumer<String> browser, String url) {
        if (browser == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("this console cannot open a browser"));
        }
        return threads.read(() -> {
            browser.accept(url);
            return null;
        });
    }

    @Override
    public LiveBackend live() {
        return live;
    }

    @Override
    public ActionsBackend actions() {
        return actions;
    }

    @Override
    public IncidentsBackend incidents() {
        return incidents;
    }

    @Override
    public SilencesBackend silences() {
        return silences;
    }

    @Override
    public AuditBackend audit() {
        return audit;
    }

    @Override
    public DeadLettersBackend deadLetters() {
        return deadLetters;
    }

    @Override
    public RulesBackend rules() {
        return rules;
    }

    @Override
    public SettingsBackend settings() {
        return settings;
    }

    @Override
    public TeamBackend team() {
        return team;
    }

    @Override
    public void close() {
        threads.close();
    }
}
