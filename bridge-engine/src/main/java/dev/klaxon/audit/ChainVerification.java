package dev.klaxon.audit;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of checking the audit chain: how far it verified and, if it broke, where first.
 *
 * @param verifiedUpTo  seq of the last chain entry that checked out ("chain verified up to row N"); 0 if none
 * @param entries       chain entries read
 * @param firstBreak    the first problem found, or null when the chain is intact
 * @param unchainedFrom per table, the first id the chain covers when older rows were written before the chain
 *                      existed (those rows are not verified); tables without such rows are absent
 */
public record ChainVerification(long verifiedUpTo, long entries, Break firstBreak, Map<String, Long> unchainedFrom) {
    public ChainVerification {
        unchainedFrom = Map.copyOf(unchainedFrom);
    }

    /**
     * @param seq    the chain entry where the problem shows; 0 for a row no entry names
     * @param table  the audit table of the row at fault ("chain" when the chain itself is)
     * @param rowId  the row's id, or null
     * @param reason what differs, in words
     */
    public record Break(long seq, String table, Long rowId, String reason) {
        public String describe() {
            return table + (rowId == null ? "" : " row " + rowId) + (seq == 0 ? "" : " (chain row " + seq + ")")
                    + ": " + reason;
        }
    }

    public boolean intact() {
        return firstBreak == null;
    }

    /** One line for a person: what verified, what broke first, and what the chain cannot vouch for. */
    public String summary() {
        String text = intact() ? "chain verified up to row " + verifiedUpTo + " (" + entries + " entries)"
                : "chain broken at " + firstBreak.describe() + "; verified up to row " + verifiedUpTo;
        if (!unchainedFrom.isEmpty()) {
            text += "; " + unchainedFrom.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + " rows before " + e.getValue())
                    .collect(Collectors.joining(", ")) + " were written before the chain existed (not verified)";
        }
        return text;
    }
}
