package dev.klaxon.app.ui.live;

import dev.klaxon.decision.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One node of the subject tree with its subtree's numbers rolled up: {@code alerts.prod} holds the sums of
 * {@code alerts.prod} itself (if it is a subject) and of everything under it.
 *
 * @param path      the tokens down to here ({@code alerts.prod}); for the engine's buckets, the bucket's name
 * @param label     the last token ({@code prod}), or the bucket's name
 * @param subject   the subject this node is, when it is one (its tail can be followed); null for a mere prefix
 * @param bucket    true for the engine's buckets (subjects over its cap, invalid subjects): never split by tokens
 * @param subjects  subjects in this subtree, this node included
 * @param flooding  subjects in this subtree in flood state
 * @param held      triggers flood state holds for this subtree
 * @param children  busiest first (by 1-minute rate, then total, then name)
 */
record SubjectBranch(String path, String label, String subject, boolean bucket, int subjects, long total,
                     double rate1s, double rate1m, Instant lastSeen, Map<Outcome, Long> byOutcome, int flooding,
                     long held, List<SubjectBranch> children) {
    SubjectBranch {
        byOutcome = Map.copyOf(byOutcome);
        children = List.copyOf(children);
    }
}
