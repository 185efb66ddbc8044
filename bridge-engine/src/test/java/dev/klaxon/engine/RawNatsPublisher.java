package dev.klaxon.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Speaks the NATS protocol over a plain socket, to publish what no client library would: subjects made of arbitrary
 * bytes. Returns once the server has answered a PING sent after the message, so the message has been processed.
 */
final class RawNatsPublisher {
    private RawNatsPublisher() {
    }

    static void publish(int port, byte[] subject, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            readLine(in); // INFO {...}
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.writeBytes("CONNECT {\"verbose\":false,\"pedantic\":false}\r\nPUB ".getBytes(StandardCharsets.US_ASCII));
            frame.writeBytes(subject);
            frame.writeBytes((" " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            frame.writeBytes(body);
            frame.writeBytes("\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(frame.toByteArray());
            out.flush();
            String answer;
            do {
                answer = readLine(in);
                if (answer.startsWith("-ERR")) {
                    throw new IOException("the server refused the message: " + answer);
                }
            } while (!answer.equals("PONG"));
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
