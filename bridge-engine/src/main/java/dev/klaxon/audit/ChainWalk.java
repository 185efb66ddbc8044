package dev.klaxon.audit;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks chain entries in seq order, checking each link and each entry's row, and stops at the first break. The
 * rows come from a {@link Rows} source: the database, or an exported copy.
 */
final class ChainWalk {
    /** What a source knows about a row: its values, that it is gone, or nothing (not in an export). */
    record Lookup(List<Object> values, boolean missing) {
        static final Lookup MISSING = new Lookup(null, true);
        static final Lookup UNKNOWN = new Lookup(null, false);

        static Lookup of(List<Object> values) {
            return new Lookup(values, false);
        }
    }

    interface Rows {
        Lookup lookup(String table, long id);

        /** Whether a later entry chains the same row again (a count updated, an id reused after a prune). */
        boolean superseded(ChainEntry entry);
    }

    private final ChainHasher hasher;
    private final Rows rows;
    private final ChainEntry anchor;
    private final Map<String, Long> legacy;
    private final Map<String, Long> matched = new HashMap<>();
    private String prevHash;
    private long prevSeq = -1;
    private long verifiedUpTo;
    private long entries;
    private ChainVerification.Break broken;

    /** @param anchor the newest anchor entry: where the chain may start, the prune cutoff, the pre-chain rows */
    ChainWalk(ChainHasher hasher, Rows rows, ChainEntry anchor) {
        this.hasher = hasher;
        this.rows = rows;
        this.anchor = anchor;
        this.legacy = ChainTables.parseLegacy(anchor == null ? null : anchor.note());
    }

    /** @return false once broken: the caller stops feeding */
    boolean accept(ChainEntry entry) {
        entries++;
        broken = check(entry);
        if (broken == null) {
            verifiedUpTo = entry.seq();
        }
        prevSeq = entry.seq();
        prevHash = entry.hash();
        return broken == null;
    }

    private ChainVerification.Break check(ChainEntry entry) {
        if (prevSeq < 0) {
            ChainVerification.Break start = checkStart(entry);
            if (start != null) {
                return start;
            }
        } else if (entry.seq() != prevSeq + 1) {
            return chainBreak(entry, "chain rows " + (prevSeq + 1) + " to " + (entry.seq() - 1) + " are missing");
        } else if (!entry.prevHash().equals(prevHash)) {
            return chainBreak(entry, "its previous hash does not match chain row " + prevSeq);
        }
        if (!hasher.entryHash(entry.prevHash(), entry).equals(entry.hash())) {
            return chainBreak(entry, "the chain row was altered (its hash does not match its fields"
                    + (hasher.keyed() ? ", or the chain key differs)" : ")"));
        }
        return entry.anchor() ? null : checkRow(entry);
    }

    private ChainVerification.Break checkStart(ChainEntry first) {
        if (first.seq() == 1) {
            return ChainHasher.ZERO.equals(first.prevHash()) ? null
                    : chainBreak(first, "the first chain row does not start the chain");
        }
        if (anchor != null && anchor.rowId() != null && anchor.rowId() == first.seq()
                && first.prevHash().equals(anchor.rowHash())) {
            return null;
        }
        return chainBreak(first, "chain rows before " + first.seq() + " are missing and no prune anchor accounts "
                + "for them");
    }

    private ChainVerification.Break checkRow(ChainEntry entry) {
        ChainTables.Table table = ChainTables.named(entry.table());
        if (table == null || entry.rowId() == null) {
            return chainBreak(entry, "unknown table \"" + entry.table() + "\"");
        }
        Lookup lookup = rows.lookup(table.name(), entry.rowId());
        if (lookup.missing()) {
            boolean pruned = anchor != null && anchor.at() != null && entry.at() != null && entry.at() < anchor.at();
            return pruned || rows.superseded(entry) ? null
                    : new ChainVerification.Break(entry.seq(), table.name(), entry.rowId(), "the row was deleted "
                    + "(it is newer than the retention cutoff)");
        }
        if (lookup.values() == null) {
            return null;
        }
        if (!hasher.rowHash(lookup.values()).equals(entry.rowHash())) {
            return rows.superseded(entry) ? null : new ChainVerification.Break(entry.seq(), table.name(),
                    entry.rowId(), "the row differs from what was written (its hash does not match)");
        }
        if (entry.rowId() > legacy.getOrDefault(table.name(), 0L)) {
            matched.merge(table.name(), 1L, Long::sum);
        }
        return null;
    }

    private static ChainVerification.Break chainBreak(ChainEntry entry, String reason) {
        return new ChainVerification.Break(entry.seq(), entry.anchor() || ChainTables.named(entry.table()) == null
                ? "chain" : entry.table(), entry.anchor() ? null : entry.rowId(), reason);
    }

    ChainVerification.Break broken() {
        return broken;
    }

    /** Rows verified per table, past the pre-chain ones: the source compares them with the rows it holds. */
    Map<String, Long> matched() {
        return matched;
    }

    Map<String, Long> legacy() {
        return legacy;
    }

    ChainVerification result(ChainVerification.Break extra) {
        Map<String, Long> unchained = new LinkedHashMap<>();
        legacy.forEach((table, maxId) -> {
            if (maxId > 0) {
                unchained.put(table, maxId + 1);
            }
        });
        ChainVerification.Break first = broken != null ? broken : extra;
        if (first == null && entries == 0) {
            first = new ChainVerification.Break(0, "chain", null, "the chain is empty");
        }
        return new ChainVerification(verifiedUpTo, entries, first, unchained);
    }
}
