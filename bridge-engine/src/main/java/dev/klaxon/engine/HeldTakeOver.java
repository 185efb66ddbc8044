package dev.klaxon.engine;

import dev.klaxon.decision.Decision;
import dev.klaxon.decision.Outcome;
import dev.klaxon.decision.RuleHit;
import dev.klaxon.guard.HeldEvents;
import dev.klaxon.message.InboundMessage;
import dev.klaxon.route.RouteAction;
import dev.klaxon.team.SharedFloods;
import dev.klaxon.team.StreamHistory;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A new sender holds again what its predecessor held: each held trigger is read back from the team's stream by its
 * sequence and rendered by this member's rules (so its routing key is this member's), then held until a person
 * releases it. Nothing is sent here; flood counts are not taken over.
 */
final class HeldTakeOver {
    /** What a take-over found. */
    record Result(int held, int alreadyHeld, int gone, int notPaged) {
        String words(String sender) {
            return held + " held trigger(s) of " + sender + " held again from the stream"
                    + (alreadyHeld > 0 ? ", " + alreadyHeld + " already held here" : "")
                    + (gone > 0 ? ", " + gone + " no longer in the stream (its limits removed them)" : "")
                    + (notPaged > 0 ? ", " + notPaged + " that this member's rules do not page" : "");
        }
    }

    private final MessageProcessor processor;
    private final HeldEvents held;

    HeldTakeOver(MessageProcessor processor, HeldEvents held) {
        this.processor = processor;
        this.held = held;
    }

    Result takeOver(SharedFloods.Inheritance inheritance, StreamHistory history)
            throws IOException, InterruptedException {
        int taken = 0;
        int already = 0;
        int gone = 0;
        int notPaged = 0;
        for (Map.Entry<String, List<Long>> subject : inheritance.sequences().entrySet()) {
            for (long sequence : subject.getValue()) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                Optional<InboundMessage> message = history.at(sequence);
                if (message.isEmpty()) {
                    gone++;
                    continue;
                }
                Decision decision = processor.decide(message.get());
                List<RuleHit> pages = decision.outcome() != Outcome.FORWARDED ? List.of() : decision.hits().stream()
                        .filter(hit -> hit.action() == RouteAction.PAGE && !hit.shadow() && hit.eventBody() != null)
                        .toList();
                if (pages.isEmpty()) {
                    notPaged++;
                    continue;
                }
                if (held.takeOver(decision.subject(), pages, message.get().receivedAt(), sequence)) {
                    taken++;
                } else {
                    already++;
                }
            }
        }
        return new Result(taken, already, gone, notPaged);
    }
}
