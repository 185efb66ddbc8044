package dev.klaxon.team;

import static dev.klaxon.team.TeamBench.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.decision.Outcome;
import dev.klaxon.engine.Engine;
import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.simulator.PagerDutySimulator;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each degraded mode of team mode says what it means for paging, and does what it says. */
class TeamDegradedModesTest {
    @TempDir
    Path dir;
    private NatsServerProcess server;
    private PagerDutySimulator pagerDuty;
    private TeamBench team;

    @BeforeEach
    void startDouble() {
        pagerDuty = PagerDutySimulator.start();
    }

    @AfterEach
    void stop() {
        if (team != null) {
            team.close();
        }
        pagerDuty.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aServerWithoutJetStreamMeansCoreModeAndThisMemberPagesOnItsOwn() throws Exception {
        server = NatsServerProcess.start();
        team = new TeamBench(dir, "\"" + server.url() + "\"", pagerDuty);
        Engine engine = team.start("alice", "auto", false);
        await().atMost(WAIT).until(() -> engine.team().status().mode() == TeamStatus.Mode.NO_JETSTREAM);
        assertThat(engine.team().status().banner()).contains("no JetStream").contains("each console pages on its own");

        try (Connection publisher = Nats.connect(server.url())) {
            publisher.publish("alerts.prod.db", "{\"summary\":\"core\"}".getBytes(StandardCharsets.UTF_8));
        }
        await().atMost(WAIT).until(() -> pagerDuty.acceptedEvents().size() == 1);
    }

    @Test
    void aMemberDeniedStreamCreationIsViewOnlyQuotingThePermissionErrorAndPagesNothing() throws Exception {
        Path conf = dir.resolve("server.conf");
        Files.writeString(conf, """
                jetstream: enabled
                authorization {
                  users = [
                    { user: viewer, password: viewer,
                      permissions: { publish: { deny: ["$JS.API.STREAM.CREATE.>"] } } }
                    { user: publisher, password: publisher }
                  ]
                }
                """);
        server = NatsServerProcess.start(List.of("-c", conf.toString()));
        team = new TeamBench(dir, "\"" + server.url() + "\"", pagerDuty)
                .auth("user: viewer\n  password_env: NATS_PASSWORD", "viewer");
        Engine engine = team.start("alice", "auto", false);
        await().atMost(WAIT).until(() -> engine.team().status().mode() == TeamStatus.Mode.VIEW_ONLY);
        assertThat(engine.team().status().banner()).startsWith("view only: this member pages nothing")
                .contains("Permissions Violation").contains("$JS.API.STREAM.CREATE.KLAXON_ALERTS");

        try (Connection publisher = Nats.connect(new Options.Builder().server(server.url())
                .userInfo("publisher", "publisher").build())) {
            publisher.publish("alerts.prod.db", "{\"summary\":\"seen, not paged\"}".getBytes(StandardCharsets.UTF_8));
        }
        await().atMost(WAIT).until(() -> engine.summary().processed() == 1);
        assertThat(engine.summary().lastReasons().get(Outcome.FORWARDED)).contains("not paged: this member is view only");
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> pagerDuty.received().isEmpty());
    }

    @Test
    void aStreamSomeoneElseMadeDifferentlyIsNeverChangedAndTheMemberSaysWhatDiffers() throws Exception {
        server = NatsServerProcess.start(List.of("-js", "--store_dir",
                Files.createDirectories(dir.resolve("js")).toString()));
        try (Connection admin = Nats.connect(server.url())) {
            admin.jetStreamManagement().addStream(StreamConfiguration.builder().name("KLAXON_ALERTS")
                    .subjects("other.>").build());
        }
        team = new TeamBench(dir, "\"" + server.url() + "\"", pagerDuty);
        Engine engine = team.start("alice", "sender", true);
        await().atMost(WAIT).until(() -> engine.team().status().mode() == TeamStatus.Mode.VIEW_ONLY);
        assertThat(engine.team().status().banner())
                .contains("stream KLAXON_ALERTS exists but its subjects [other.>] do not include [alerts.>]");
        try (Connection admin = Nats.connect(server.url())) {
            assertThat(admin.jetStreamManagement().getStreamInfo("KLAXON_ALERTS").getConfiguration().getSubjects())
                    .containsExactly("other.>");
        }
    }
}
