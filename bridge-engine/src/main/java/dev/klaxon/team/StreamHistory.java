package dev.klaxon.team;

import dev.klaxon.config.JetStreamConfig;
import dev.klaxon.message.InboundMessage;
import dev.klaxon.message.StreamPosition;
import io.nats.client.Connection;
import io.nats.client.IterableConsumer;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamStatusCheckedException;
import io.nats.client.Message;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.OrderedConsumerConfiguration;
import io.nats.client.api.StreamInfo;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads the team's stream from a start time up to the last message stored when the reading began, through an
 * ordered consumer of its own: it never touches the team's pager consumer and acknowledges nothing. Each message is
 * handed on as history (its position carries the time the stream stored it).
 */
public final class StreamHistory {
    private static final Duration QUIET = Duration.ofSeconds(2);
    /** Browsing waits less: a subject with nothing more before the asked sequence answers within this. */
    private static final Duration BROWSE_QUIET = Duration.ofMillis(500);
    /** JetStream's error code for a sequence the stream does not hold. */
    private static final int NO_MESSAGE_FOUND = 10037;

    private final Connection connection;
    private final JetStreamConfig config;

    public StreamHistory(Connection connection, JetStreamConfig config) {
        this.connection = connection;
        this.config = config;
    }

    /**
     * @param each      gets every message stored from {@code since}, in stream order
     * @param cancelled checked between messages; true stops the reading
     * @return how many messages were read
     * @throws IOException when the stream cannot be read (missing, JetStream unreachable)
     */
    public long read(Instant since, Consumer<InboundMessage> each, BooleanSupplier cancelled)
            throws IOException, InterruptedException {
        long last;
        try {
            StreamInfo info = connection.jetStreamManagement().getStreamInfo(config.stream());
            last = info.getStreamState().getLastSequence();
        } catch (JetStreamApiException e) {
            throw new IOException("cannot read stream " + config.stream() + ": " + e.getMessage(), e);
        }
        if (last == 0) {
            return 0;
        }
        // Past the last sequence stored when the reading began is live traffic, not history.
        return forward(new OrderedConsumerConfiguration(), since, QUIET, last + 1, each, cancelled);
    }

    /**
     * The message stored at {@code sequence}, as history; empty when the stream no longer has it (trimmed by its
     * limits, or deleted).
     */
    public Optional<InboundMessage> at(long sequence) throws IOException {
        try {
            MessageInfo info = connection.jetStreamManagement().getMessage(config.stream(), sequence);
            return Optional.of(inbound(info.getSubject(), info.getData(), info.getHeaders(), sequence,
                    info.getTime().toInstant()));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_MESSAGE_FOUND) {
                return Optional.empty();
            }
            throw new IOException("cannot read message " + sequence + " of stream " + config.stream() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Up to {@code limit} messages of one subject stored before {@code beforeSequence}, oldest first: read forward
     * from a start time that moves back (15 minutes, then four times further each try) until enough are found or
     * the stream's start is reached. Memory holds {@code limit} messages at most.
     *
     * @param before the stored time of the message at {@code beforeSequence} (or later): where the search starts
     */
    public List<InboundMessage> before(String subject, long beforeSequence, Instant before, int limit)
            throws IOException, InterruptedException {
        if (limit < 1) {
            return List.of();
        }
        Instant first;
        try {
            first = connection.jetStreamManagement().getStreamInfo(config.stream()).getStreamState().getFirstTime()
                    .toInstant();
        } catch (JetStreamApiException e) {
            throw new IOException("cannot read stream " + config.stream() + ": " + e.getMessage(), e);
        }
        Duration window = Duration.ofMinutes(15);
        java.util.ArrayDeque<InboundMessage> found = new java.util.ArrayDeque<>(limit);
        for (int attempt = 0; attempt < 8; attempt++) {
            Instant start = before.plusSeconds(1).minus(window);
            found.clear();
            readSubject(subject, start, beforeSequence, message -> {
                if (found.size() == limit) {
                    found.removeFirst();
                }
                found.addLast(message);
            });
            if (found.size() >= limit || !start.isAfter(first)) {
                break;
            }
            window = window.multipliedBy(4);
        }
        return List.copyOf(found);
    }

    private void readSubject(String subject, Instant start, long beforeSequence, Consumer<InboundMessage> each)
            throws IOException, InterruptedException {
        forward(new OrderedConsumerConfiguration().filterSubject(subject), start, BROWSE_QUIET, beforeSequence, each,
                () -> false);
    }

    /**
     * Reads forward from {@code start} through an ordered consumer of its own until {@code endSequence} (exclusive),
     * a quiet {@code quiet}, or {@code cancelled}.
     */
    private long forward(OrderedConsumerConfiguration consumer, Instant start, Duration quiet, long endSequence,
                         Consumer<InboundMessage> each, BooleanSupplier cancelled)
            throws IOException, InterruptedException {
        consumer.deliverPolicy(DeliverPolicy.ByStartTime).startTime(start.atZone(ZoneOffset.UTC));
        IterableConsumer messages;
        try {
            messages = connection.getStreamContext(config.stream()).createOrderedConsumer(consumer).iterate();
        } catch (JetStreamApiException e) {
            throw new IOException("cannot read stream " + config.stream() + ": " + e.getMessage(), e);
        }
        long read = 0;
        try {
            while (!cancelled.getAsBoolean()) {
                Message message = messages.nextMessage(quiet);
                if (message == null) {
                    break; // nothing more stored, or the stream's tail was trimmed meanwhile
                }
                long sequence = message.metaData().streamSequence();
                if (sequence >= endSequence) {
                    break;
                }
                each.accept(inbound(message.getSubject(), message.getData(),
                        message.hasHeaders() ? message.getHeaders() : null, sequence,
                        message.metaData().timestamp().toInstant()));
                read++;
                if (sequence == endSequence - 1) {
                    break;
                }
            }
        } catch (JetStreamStatusCheckedException e) {
            throw new IOException("reading stream " + config.stream() + " failed: " + e.getMessage(), e);
        } finally {
            messages.stop();
        }
        return read;
    }

    private InboundMessage inbound(String subject, byte[] data, Headers natsHeaders, long sequence, Instant stored) {
        String msgId = natsHeaders == null ? null : natsHeaders.getFirst("Nats-Msg-Id");
        StreamPosition position = new StreamPosition(config.stream(), sequence, msgId == null || msgId.isBlank()
                ? StreamPosition.idOf(config.stream(), sequence) : msgId, 1, null, stored);
        Map<String, List<String>> headers = new HashMap<>();
        if (natsHeaders != null) {
            natsHeaders.entrySet().forEach(entry -> headers.put(entry.getKey(), List.copyOf(entry.getValue())));
        }
        byte[] body = data == null ? new byte[0] : data;
        return new InboundMessage(subject, body, headers, stored).at(position);
    }
}
