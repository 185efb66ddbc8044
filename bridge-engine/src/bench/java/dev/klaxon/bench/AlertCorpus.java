package dev.klaxon.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The flood's messages, made before any clock starts so the publisher only copies bytes: valid JSON alerts of exactly
 * {@link #BODY_BYTES} bytes spread over {@link #SUBJECTS} subjects. Message i is {@code get(i % size())}.
 */
final class AlertCorpus {

    static final int SUBJECTS = 1_000;
    static final int BODY_BYTES = 200;
    /** Bodies per subject: a few variants so consecutive messages on one subject differ, as real alerts do. */
    private static final int VARIANTS = 4;
    private static final String[] SEVERITIES = {"critical", "error", "warning", "info"};

    record Message(String subject, byte[] body) { }

    private final List<Message> messages;

    private AlertCorpus(List<Message> messages) {
        this.messages = List.copyOf(messages);
    }

    /** Subjects {@code alerts.bench.svc-000.host-0} .. {@code alerts.bench.svc-099.host-9}, interleaved. */
    static AlertCorpus standard() {
        List<Message> out = new ArrayList<>(SUBJECTS * VARIANTS);
        for (int variant = 0; variant < VARIANTS; variant++) {
            for (int i = 0; i < SUBJECTS; i++) {
                String service = String.format(Locale.ROOT, "svc-%03d", i / 10);
                String host = "host-" + (i % 10);
                out.add(new Message("alerts.bench." + service + "." + host, body(service, host, variant)));
            }
        }
        return new AlertCorpus(out);
    }

    private static byte[] body(String service, String host, int variant) {
        String head = "{\"summary\":\"Queue depth " + (1000 + variant * 250) + " on " + service + "/" + host
                + "\",\"severity\":\"" + SEVERITIES[variant] + "\",\"source\":\"" + host
                + "\",\"component\":\"" + service + "\",\"custom_details\":{\"pad\":\"";
        String tail = "\"}}";
        int padding = BODY_BYTES - head.length() - tail.length();
        if (padding < 0) {
            throw new IllegalStateException("alert head longer than " + BODY_BYTES + " bytes: " + head);
        }
        byte[] body = (head + "x".repeat(padding) + tail).getBytes(StandardCharsets.US_ASCII);
        if (body.length != BODY_BYTES) {
            throw new IllegalStateException("body is " + body.length + " bytes");
        }
        return body;
    }

    Message get(long i) {
        return messages.get((int) (i % messages.size()));
    }

    int size() {
        return messages.size();
    }
}
