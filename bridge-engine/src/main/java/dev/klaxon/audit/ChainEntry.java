package dev.klaxon.audit;

/**
 * One link of the audit chain. For a row entry: the table, the row's id, the row's retention time (so a pruned row
 * can be told from a deleted one) and its hash. For an anchor ({@link #ANCHOR}): {@code rowId} is the first entry
 * kept after a prune, {@code at} the prune's cutoff (null for the origin anchor), {@code rowHash} the previous hash of
 * that first kept entry, and {@code note} the per-table ids written before the chain existed.
 *
 * @param prevHash the previous entry's hash; the first entry ever has {@link ChainHasher#ZERO}
 * @param hash     hash over {@code prevHash} and every other field but itself
 */
record ChainEntry(long seq, String table, Long rowId, Long at, String rowHash, String note, String prevHash,
                  String hash) {
    static final String ANCHOR = "anchor";

    boolean anchor() {
        return ANCHOR.equals(table);
    }
}
