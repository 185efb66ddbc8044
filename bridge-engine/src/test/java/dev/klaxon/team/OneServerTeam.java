package dev.klaxon.team;

import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.simulator.PagerDutySimulator;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A team on one real JetStream server: the server (storing under {@code dir/js}), the PagerDuty double, a client
 * connection for publishing and inspecting, and a {@link TeamBench} for the members. Closes all of it.
 */
final class OneServerTeam implements AutoCloseable {
    private final NatsServerProcess server;
    private final PagerDutySimulator pagerDuty;
    private final Connection client;
    private final TeamBench team;

    private OneServerTeam(NatsServerProcess server, PagerDutySimulator pagerDuty, Connection client, TeamBench team) {
        this.server = server;
        this.pagerDuty = pagerDuty;
        this.client = client;
        this.team = team;
    }

    static OneServerTeam start(Path dir) throws Exception {
        NatsServerProcess server = NatsServerProcess.start(List.of("-js", "--store_dir",
                Files.createDirectories(dir.resolve("js")).toString()));
        PagerDutySimulator pagerDuty = PagerDutySimulator.start();
        Connection client = Nats.connect(server.url());
        return new OneServerTeam(server, pagerDuty, client, new TeamBench(dir, "\"" + server.url() + "\"",
                pagerDuty));
    }

    NatsServerProcess server() {
        return server;
    }

    PagerDutySimulator pagerDuty() {
        return pagerDuty;
    }

    Connection client() {
        return client;
    }

    TeamBench team() {
        return team;
    }

    @Override
    public void close() throws Exception {
        team.close();
        client.close();
        pagerDuty.close();
        server.close();
    }
}
