package dev.klaxon.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.decision.Decision;
import dev.klaxon.decision.Outcome;
import dev.klaxon.message.InboundMessage;
import dev.klaxon.message.StreamPosition;
import dev.klaxon.team.TeamSession;

/**
 * What team mode changes in the engine's flow of one message, and nothing in core mode: a message this member only
 * watches is decided for the view but never paged; a message it pulled as the sender carries its id to PagerDuty
 * and is acknowledged once its events are settled.
 */
final class TeamPaging {
    /** How a live page's reason says this member sends it (see MessageProcessor). */
    private static final String SENT_HERE = "sent to PagerDuty through the outbox";

    private final TeamSession team;

    /** @param team null in core mode */
    TeamPaging(TeamSession team) {
        this.team = team;
    }

    /** A message from this member's own view of the stream: shown, not paged (the team's sender pages it). */
    static boolean watchedOnly(InboundMessage message) {
        return message.position() != null && !message.position().pager();
    }

    /** A message the team's consumer delivers again (a lapsed lease, a sender that died, a late ack). */
    static boolean redelivered(InboundMessage message) {
        return message.position() != null && message.position().pager() && message.position().deliveries() > 1;
    }

    /**
     * The view's decision says who pages, so no console claims a page it did not send; a message read back from the
     * stream (history) says so whatever its outcome.
     */
    Decision watched(InboundMessage message, Decision decision) {
        StreamPosition position = message.position();
        String history = position.history()
                ? "history: stored at " + position.historyAt() + ", read back from the stream; " : "";
        if (decision.outcome() != Outcome.FORWARDED) {
            return history.isEmpty() ? decision : withReason(decision, history + decision.reason());
        }
        String who = !history.isEmpty() ? "the team's sender of that time paged it"
                : team == null ? "not paged by this member" : team.whoPages();
        String reason = decision.reason().contains(SENT_HERE) ? decision.reason().replace(SENT_HERE, who)
                : decision.reason() + "; " + who;
        return withReason(decision, history + reason);
    }

    private static Decision withReason(Decision decision, String reason) {
        return new Decision(decision.at(), decision.subject(), decision.outcome(), reason, decision.hits(),
                decision.message());
    }

    /**
     * The body as sent for a pulled message: {@code custom_details.klaxon} names the message ({@code msg_id},
     * {@code stream_seq}, {@code sender}). {@code body} itself is left as it is.
     *
     * <p>The dedup_key is not derived from the msg_id: every alert event already has one that depends only on the
     * message (its own key, the route's template, else its subject), so a redelivery carries the same key; a key
     * per msg_id would open one incident per message of a flapping subject and leave resolves unable to match.
     */
    ObjectNode forPagerDuty(InboundMessage message, ObjectNode body) {
        StreamPosition position = message.position();
        if (position == null || !position.pager()) {
            return body;
        }
        ObjectNode sent = body.deepCopy();
        ObjectNode payload = sent.path("payload").isObject() ? (ObjectNode) sent.get("payload") : null;
        if (payload != null) {
            ObjectNode details = payload.path("custom_details").isObject()
                    ? (ObjectNode) payload.get("custom_details") : payload.putObject("custom_details");
            details.putObject("klaxon")
                    .put("msg_id", position.msgId())
                    .put("stream_seq", position.sequence())
                    .put("sender", team == null ? "" : team.member());
        }
        return sent;
    }

    /** The pulled message's events went to the outbox (or wait in memory for it). */
    void expect(InboundMessage message, int events) {
        if (pulled(message)) {
            team.expect(message.position(), events);
        }
    }

    /** Storage could not keep the pulled message's events: the stream redelivers it later, nothing is lost. */
    void giveBack(InboundMessage message) {
        if (pulled(message)) {
            team.giveBack(message.position());
        }
    }

    /** The pulled message is decided and counted. */
    void decided(InboundMessage message) {
        if (pulled(message)) {
            team.decided(message.position());
        }
    }

    long sequence(InboundMessage message) {
        return pulled(message) ? message.position().sequence() : 0;
    }

    /** Which delivery of its stream message a pulled message is (JetStream's delivered count); 0 when not pulled. */
    long delivery(InboundMessage message) {
        return pulled(message) ? message.position().deliveries() : 0;
    }

    private boolean pulled(InboundMessage message) {
        return team != null && message.position() != null && message.position().pager();
    }
}
