package dev.klaxon.app.backend;

import dev.klaxon.config.ConfigError;
import dev.klaxon.config.ConfigTextEdit;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.engine.ReloadResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The config file as the settings view edits it: review and save edits with the loader Klaxon starts with, and test
 * a section's connections as edited.
 */
public interface SettingsBackend {
    /** The configuration the engine runs with. */
    KlaxonConfig config();

    /** The file edits go to; empty when the running config did not come from a file. */
    Optional<Path> file();

    /** What saving these edits would do. */
    CompletableFuture<Review> review(List<ConfigTextEdit> edits);

    /**
     * Applies the edits to the file as it is now, if the result is a valid config, keeping a timestamped copy of the
     * old file beside it; fails with an {@link IllegalStateException} saying why when it is not valid.
     */
    CompletableFuture<Saved> save(List<ConfigTextEdit> edits);

    /**
     * Has the running console take the file as it is now, as a change of the file would: routes and guards at once,
     * NATS, PagerDuty and storage settings at the next start (the result names those that changed). A file that does
     * not load keeps the running config, and the result says why.
     */
    CompletableFuture<ReloadResult> apply();

    /** Connects to NATS once with the {@code nats.} settings as edited (other sections' edits are ignored). */
    CompletableFuture<CheckResult> testNats(List<ConfigTextEdit> edits);

    /** One authenticated PagerDuty REST call with the {@code pagerduty.} settings as edited. */
    CompletableFuture<CheckResult> testPagerDuty(List<ConfigTextEdit> edits);

    /** Reads every live route's routing key with the {@code routes[} settings as edited, and checks its shape. */
    CompletableFuture<CheckResult> testRoutingKeys(List<ConfigTextEdit> edits);

    /**
     * What saving would do.
     *
     * @param problem  why the edits cannot be made to the file at all (unreadable, a section in flow style); null
     *                 otherwise
     * @param errors   what the config reader says about the edited file, each naming its key; empty when valid
     * @param warnings what would stop Klaxon at its next start although the file is valid (a routing key variable
     *                 not set here)
     * @param diff     the changed lines, {@code -}/{@code +} with line numbers
     * @param config   the edited config when valid, else null
     */
    record Review(String problem, List<ConfigError> errors, List<ConfigError> warnings, List<String> diff,
                  KlaxonConfig config) {
        public boolean canSave() {
            return problem == null && errors.isEmpty() && !diff.isEmpty();
        }
    }

    /** @param backup where the file as it was before the save was copied */
    record Saved(Path file, Path backup) {
    }

    /** A connection test's answer, in words for the person who asked. */
    record CheckResult(boolean ok, String message) {
    }
}
