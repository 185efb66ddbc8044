package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.nats.ConnectionState;
import dev.klaxon.nats.ConnectionStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What {@code run} logs when the NATS connection changes: a gap is counted where it begins and timed where it ends. */
class RunConnectionLineTest {
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private static final String SERVER = "nats://127.0.0.1:4222";

    @Test
    void theFirstConnectionIsOneLineAsBefore() {
        ConnectionStatus connecting = ConnectionStatus.initial(T0);
        ConnectionStatus connected = new ConnectionStatus(ConnectionState.CONNECTED, SERVER, T0.plusSeconds(1),
                "server 2.10.22");

        assertThat(RunCommand.connectionLine(null, connecting)).isEqualTo(T0 + " nats connecting (starting)");
        assertThat(RunCommand.connectionLine(connecting, connected))
                .isEqualTo(T0.plusSeconds(1) + " nats connected " + SERVER + " (server 2.10.22)");
    }

    @Test
    void aLostConnectionSaysWhichGapItIsAndWhenTheLastMessageCameAndTheReconnectHowLongItLasted() {
        ConnectionStatus up = new ConnectionStatus(ConnectionState.CONNECTED, SERVER, T0, "server 2.10.22", 1,
                Duration.ofSeconds(2), T0.minusSeconds(30));
        ConnectionStatus lost = new ConnectionStatus(ConnectionState.RECONNECTING, SERVER, T0.plusSeconds(60),
                "Connection reset", 2, Duration.ofSeconds(2), T0.plusMillis(5_500));
        ConnectionStatus gaveUp = new ConnectionStatus(ConnectionState.DISCONNECTED, SERVER, T0.plusSeconds(70),
                "Connection refused", 2, Duration.ofSeconds(2), T0.plusMillis(5_500));
        ConnectionStatus back = new ConnectionStatus(ConnectionState.CONNECTED, SERVER, T0.plusMillis(72_345),
                "server 2.10.22", 2, Duration.ofMillis(14_345), T0.plusMillis(5_500));

        assertThat(RunCommand.connectionLine(up, lost)).isEqualTo(T0.plusSeconds(60) + " nats reconnecting " + SERVER
                + " (Connection reset); disconnection 2, the last message arrived 54.5 s before");
        assertThat(RunCommand.connectionLine(lost, gaveUp)).isEqualTo(T0.plusSeconds(70) + " nats disconnected "
                + SERVER + " (Connection refused)");
        assertThat(RunCommand.connectionLine(gaveUp, back)).isEqualTo(T0.plusMillis(72_345) + " nats connected "
                + SERVER + " (server 2.10.22); back after 12.3 s without a connection (2 disconnection(s), 14.3 s "
                + "in all)");
    }
}
