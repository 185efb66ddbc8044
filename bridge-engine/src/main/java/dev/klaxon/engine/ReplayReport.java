package dev.klaxon.engine;

import dev.klaxon.decision.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a rules change would have done over the stream's history, next to the current rules on the same messages.
 *
 * @param messages      how many stored messages were replayed
 * @param from          the stored time of the first, null when none
 * @param to            the stored time of the last, null when none
 * @param current       outcomes under the current config
 * @param candidate     outcomes under the candidate config
 * @param differences   each message whose pages differ, in stream order (bounded: see {@code truncated})
 * @param truncated     differences past the bound, counted but not listed
 * @param byRoute       pages added, removed and changed per route (the candidate's route for added and changed)
 * @param bySubject     the same per subject
 * @param coalesced     coalesced flood events (current, candidate)
 * @param budgetPeak    the busiest minute's pages per routing key (current, candidate) against the budget
 * @param budgetPerMinute the routing-key budget of each config (current, candidate)
 * @param audit         both sides beside what this member's audit says was really paged
 */
public record ReplayReport(long messages, Instant from, Instant to, Map<Outcome, Long> current,
                           Map<Outcome, Long> candidate, List<Difference> differences, long truncated,
                           Map<String, Counts> byRoute, Map<String, Counts> bySubject, long[] coalesced,
                           Map<String, int[]> budgetPeak, int[] budgetPerMinute, Audit audit) {

    /** How one message's pages differ. */
    public enum Kind {
        /** The candidate pages where the current rules did not. */
        ADDED,
        /** The current rules paged; the candidate does not. */
        REMOVED,
        /** Both page, with another routing key, dedup_key, action or severity. */
        CHANGED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param current   the current rules' outcome and page, in words
     * @param candidate the candidate's
     * @param sent      what the audit recorded as paged for it, in words; null when no audit was read
     */
    public record Difference(long sequence, String msgId, String subject, Instant storedAt, Kind kind,
                             String current, String candidate, String sent) {
    }

    /**
     * The replayed messages' pages beside this member's audit (only the member that was the sender recorded any).
     *
     * @param read             whether an audit was read at all
     * @param sent             pages the audit recorded for the replayed messages
     * @param current          of those, how many the current rules send again on replay
     * @param candidate        of those, how many the candidate sends too
     * @param candidateUnsent  pages the candidate sends that the audit has no record of
     */
    public record Audit(boolean read, long sent, long current, long candidate, long candidateUnsent) {
    }

    /** Pages added, removed and changed. */
    public record Counts(long added, long removed, long changed) {
        Counts plus(Kind kind) {
            return switch (kind) {
                case ADDED -> new Counts(added + 1, removed, changed);
                case REMOVED -> new Counts(added, removed + 1, changed);
                case CHANGED -> new Counts(added, removed, changed + 1);
            };
        }
    }

    /** No page differs. */
    public boolean same() {
        return differences.isEmpty() && truncated == 0;
    }
}
