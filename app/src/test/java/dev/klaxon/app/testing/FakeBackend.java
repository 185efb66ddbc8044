package dev.klaxon.app.testing;

import dev.klaxon.app.backend.ActionsBackend;
import dev.klaxon.app.backend.AuditBackend;
import dev.klaxon.app.backend.ConsoleBackend;
import dev.klaxon.app.backend.DeadLettersBackend;
import dev.klaxon.app.backend.HeldBatch;
import dev.klaxon.app.backend.IncidentsBackend;
import dev.klaxon.app.backend.LiveBackend;
import dev.klaxon.app.backend.RulesBackend;
import dev.klaxon.app.backend.SettingsBackend;
import dev.klaxon.app.backend.SilencesBackend;
import dev.klaxon.app.backend.TeamBackend;
import dev.klaxon.app.backend.engine.AuditExport;
import dev.klaxon.app.backend.engine.DeskIncidents;
import dev.klaxon.audit.AuditQuery;
import dev.klaxon.audit.AuditRow;
import dev.klaxon.audit.ChainVerification;
import dev.klaxon.audit.ExportFormat;
import dev.klaxon.config.ConfigTextEdit;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.config.PagerDutyConfig;
import dev.klaxon.decision.Decision;
import dev.klaxon.guard.Silence;
import dev.klaxon.guard.SilenceRecord;
import dev.klaxon.guard.SilenceRequest;
import dev.klaxon.incidents.IncidentDesk;
import dev.klaxon.message.Severity;
import dev.klaxon.outbox.EventRecord;
import dev.klaxon.route.RenderedEvent;
import dev.klaxon.secret.SecretRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The console's door over a {@link FakeEngine}, all in memory: what the fake engine holds answers at once, and what
 * it cannot do fails in words. Incidents come from a desk with no PagerDuty token (as in demo mode) unless a test
 * gives its own; rules from a test's own {@link RulesBackend}.
 */
public final class FakeBackend implements ConsoleBackend {
    private final FakeEngine engine;
    private LiveBackend live;
    private IncidentsBackend incidents = notConfiguredDesk();
    private RulesBackend rules = new NoRules();
    private TeamBackend team = new NoTeam();

    public FakeBackend(FakeEngine engine) {
        this.engine = engine;
        this.live = engine;
    }

    /** Live state from elsewhere (a test's own source); the fake engine keeps answering the rest. */
    public FakeBackend live(LiveBackend liveBackend) {
        this.live = liveBackend;
        return this;
    }

    /** Incidents from this desk (e.g. one polling the PagerDuty double); subjects are looked up in the fake audit. */
    public FakeBackend incidents(IncidentDesk desk) {
        this.incidents = new DeskIncidents(desk, audit(), FakeBackend::noBrowser);
        return this;
    }

    /** Incidents from an in-memory fake, e.g. {@link FakeIncidents}. */
    public FakeBackend incidents(IncidentsBackend incidentsBackend) {
        this.incidents = incidentsBackend;
        return this;
    }

    /** Taking and handing over the sender role through a test's own backend. */
    public FakeBackend team(TeamBackend teamBackend) {
        this.team = teamBackend;
        return this;
    }

    @Override
    public TeamBackend team() {
        return team;
    }

    /** Core mode: there is no team to take or hand over. */
    private static final class NoTeam implements TeamBackend {
        @Override
        public CompletableFuture<String> takeSender() {
            return cannot("take the sender role");
        }

        @Override
        public CompletableFuture<String> handOver() {
            return cannot("hand the sender role over");
        }
    }

    public FakeBackend rules(RulesBackend rulesBackend) {
        this.rules = rulesBackend;
        return this;
    }

    @Override
    public LiveBackend live() {
        return live;
    }

    @Override
    public ActionsBackend actions() {
        return new ActionsBackend() {
            @Override
            public List<dev.klaxon.guard.FloodRelease> floodReleases() {
                return engine.floodReleases();
            }

            @Override
            public boolean keepsHistory() {
                return false;
            }

            @Override
            public CompletableFuture<List<dev.klaxon.stats.TailEntry>> olderMessages(String subject,
                    dev.klaxon.stats.TailEntry oldestShown, int limit) {
                return cannot("read older messages");
            }

            @Override
            public CompletableFuture<Silence> addSilence(SilenceRequest request) {
                return cannot("silence");
            }

            @Override
            public List<SecretRef> pageRoutingKeys() {
                return List.of();
            }

            @Override
            public CompletableFuture<RenderedEvent> previewEscalation(String subject, byte[] body,
                                                                      Map<String, List<String>> headers,
                                                                      SecretRef routingKey, Severity severity) {
                return cannot("escalate");
            }

            @Override
            public CompletableFuture<Long> escalate(String subject, byte[] body, Map<String, List<String>> headers,
                                                    SecretRef routingKey, Severity severity) {
                return cannot("escalate");
            }

            @Override
            public HeldBatch held(String subject) {
                return engine.held(subject);
            }

            @Override
            public CompletableFuture<Integer> release(HeldBatch batch) {
                return engine.release(batch);
            }
        };
    }

    @Override
    public IncidentsBackend incidents() {
        return incidents;
    }

    @Override
    public SilencesBackend silences() {
        return new SilencesBackend() {
            @Override
            public String where() {
                return "silences.db";
            }

            @Override
            public CompletableFuture<List<SilenceRecord>> list() {
                return CompletableFuture.completedFuture(List.of());
            }

            @Override
            public CompletableFuture<Boolean> expire(SilenceRecord seen) {
                return cannot("expire silences");
            }

            @Override
            public CompletableFuture<Boolean> extend(SilenceRecord seen, Instant newEnd) {
                return cannot("extend silences");
            }

            @Override
            public CompletableFuture<Integer> unshared() {
                return CompletableFuture.completedFuture(0);
            }

            @Override
            public CompletableFuture<Integer> share() {
                return cannot("share silences");
            }
        };
    }

    @Override
    public AuditBackend audit() {
        return new AuditBackend() {
            @Override
            public CompletableFuture<List<AuditRow>> search(AuditQuery query) {
                return CompletableFuture.supplyAsync(() -> engine.searchAudit(query));
            }

            @Override
            public CompletableFuture<ChainVerification> verifyChain() {
                return CompletableFuture.supplyAsync(engine::chain);
            }

            @Override
            public CompletableFuture<Void> export(List<AuditRow> rows, ExportFormat format, Path file) {
                return CompletableFuture.runAsync(() -> {
                    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                        AuditExport.write(rows, format, out);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        };
    }

    @Override
    public DeadLettersBackend deadLetters() {
        return new DeadLettersBackend() {
            @Override
            public CompletableFuture<List<EventRecord>> list(int limit) {
                return CompletableFuture.completedFuture(List.of());
            }

            @Override
            public CompletableFuture<Void> resend(long id) {
                return cannot("re-send");
            }
        };
    }

    @Override
    public RulesBackend rules() {
        return rules;
    }

    @Override
    public SettingsBackend settings() {
        return new SettingsBackend() {
            @Override
            public KlaxonConfig config() {
                return null;
            }

            @Override
            public Optional<Path> file() {
                return Optional.empty();
            }

            @Override
            public CompletableFuture<Review> review(List<ConfigTextEdit> edits) {
                return cannot("review settings");
            }

            @Override
            public CompletableFuture<Saved> save(List<ConfigTextEdit> edits) {
                return cannot("save settings");
            }

            @Override
            public CompletableFuture<dev.klaxon.engine.ReloadResult> apply() {
                return cannot("apply settings");
            }

            @Override
            public CompletableFuture<CheckResult> testNats(List<ConfigTextEdit> edits) {
                return cannot("test NATS");
            }

            @Override
            public CompletableFuture<CheckResult> testPagerDuty(List<ConfigTextEdit> edits) {
                return cannot("test PagerDuty");
            }

            @Override
            public CompletableFuture<CheckResult> testRoutingKeys(List<ConfigTextEdit> edits) {
                return cannot("check routing keys");
            }
        };
    }

    private IncidentsBackend notConfiguredDesk() {
        IncidentDesk desk = new IncidentDesk(PagerDutyConfig.defaults(), name -> null, Clock.systemUTC(),
                action -> { }, "test");
        return new DeskIncidents(desk, audit(), FakeBackend::noBrowser);
    }

    private static CompletableFuture<Void> noBrowser(String url) {
        return cannot("open a browser");
    }

    private static <T> CompletableFuture<T> cannot(String what) {
        return CompletableFuture.failedFuture(new IllegalStateException("this fake backend cannot " + what));
    }

    /** No config, no hits, no explanations: a console run without rules. */
    private static final class NoRules implements RulesBackend {
        @Override
        public KlaxonConfig config() {
            return null;
        }

        @Override
        public long[] ruleHits() {
            return new long[0];
        }

        @Override
        public CompletableFuture<Decision> explain(String subject, byte[] body, Map<String, List<String>> headers) {
            return cannot("explain messages");
        }

        @Override
        public CompletableFuture<List<String>> tryOnHistory(java.nio.file.Path candidate, java.time.Duration since,
                                                            java.util.function.LongConsumer progress,
                                                            java.util.function.BooleanSupplier cancelled) {
            return cannot("try rules on history");
        }
    }
}
