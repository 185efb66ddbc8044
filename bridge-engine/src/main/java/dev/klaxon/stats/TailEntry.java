package dev.klaxon.stats;

import dev.klaxon.decision.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One recent message of a subject, kept for the live tail.
 *
 * @param body      the body as text (invalid UTF-8 replaced), cut at a bounded size
 * @param bodyBytes the size of the whole body as received
 * @param truncated true when {@code body} is only the start of the message
 */
public record TailEntry(Instant receivedAt, String subject, String body, int bodyBytes, boolean truncated,
                        Map<String, List<String>> headers, Outcome outcome, String reason) { }
