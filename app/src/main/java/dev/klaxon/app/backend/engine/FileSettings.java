package dev.klaxon.app.backend.engine;

import dev.klaxon.app.backend.SettingsBackend;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.ConfigTextEdit;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.engine.ReloadResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** The running config's file, reviewed and saved with the loader Klaxon starts with, and its connection tests. */
public final class FileSettings implements SettingsBackend {
    private final KlaxonConfig config;
    private final SettingsFile file;
    private final SettingsChecks checks;
    private final BackendThreads threads;
    private final Supplier<ReloadResult> reload;

    /**
     * @param environment where settings given by environment variable are read, for the checks and warnings
     * @param reload      reloads the running engine from the file; null where the config is not a file's (demo)
     */
    public FileSettings(KlaxonConfig config, ConfigLoader loader, UnaryOperator<String> environment, Clock clock,
                        BackendThreads threads, Supplier<ReloadResult> reload) {
        this.config = config;
        this.reload = reload;
        this.file = config.source() == null ? null : new SettingsFile(config.source(), loader, environment, clock);
        this.checks = new SettingsChecks(environment, clock);
        this.threads = threads;
    }

    @Override
    public KlaxonConfig config() {
        return config;
    }

    @Override
    public Optional<Path> file() {
        return file == null ? Optional.empty() : Optional.of(file.path());
    }

    @Override
    public CompletableFuture<Review> review(List<ConfigTextEdit> edits) {
        return threads.read(() -> fileOrFail().review(edits));
    }

    @Override
    public CompletableFuture<Saved> save(List<ConfigTextEdit> edits) {
        return threads.commandNow(() -> {
            try {
                return fileOrFail().save(edits);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        });
    }

    @Override
    public CompletableFuture<ReloadResult> apply() {
        if (reload == null || file == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("this configuration was not read from a "
                    + "file, so there is nothing to apply"));
        }
        return threads.commandNow(reload::get);
    }

    @Override
    public CompletableFuture<CheckResult> testNats(List<ConfigTextEdit> edits) {
        return test(edits, "nats.", edited -> checks.nats(edited.nats()));
    }

    @Override
    public CompletableFuture<CheckResult> testPagerDuty(List<ConfigTextEdit> edits) {
        return test(edits, "pagerduty.", edited -> checks.pagerDuty(edited.pagerduty()));
    }

    @Override
    public CompletableFuture<CheckResult> testRoutingKeys(List<ConfigTextEdit> edits) {
        return test(edits, "routes[", checks::routingKeys);
    }

    /**
     * Tests one section as edited, once the config reader accepts the edits; a mistake in another section does not
     * stand in the way.
     */
    private CompletableFuture<CheckResult> test(List<ConfigTextEdit> edits, String section,
                                                Function<KlaxonConfig, CheckResult> check) {
        List<ConfigTextEdit> mine = edits.stream().filter(edit -> edit.path().startsWith(section)).toList();
        return threads.read(() -> {
            if (mine.isEmpty() || file == null) {
                return check.apply(config);
            }
            Review checked = file.review(mine);
            if (checked.config() == null) {
                String why = checked.problem() != null ? checked.problem() : checked.errors().get(0).render();
                return new CheckResult(false, "fix the settings first: " + why);
            }
            return check.apply(checked.config());
        });
    }

    private SettingsFile fileOrFail() {
        if (file == null) {
            throw new IllegalStateException("this configuration has no file to edit");
        }
        return file;
    }
}
