package dev.klaxon.natsserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Asks a port whether a NATS server answers there. A listening socket alone is not enough: the server is ready
 * once it greets a new client with its {@code INFO} line.
 */
final class InfoProbe {

    private InfoProbe() {
    }

    static boolean answers(int port, Duration timeout) {
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), millis);
            socket.setSoTimeout(millis);
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String line = reader.readLine();
            return line != null && line.startsWith("INFO ");
        } catch (IOException e) {
            return false;
        }
    }
}
