package dev.klaxon.audit;

import java.util.Arrays;

/**
 * The secret that keys the audit chain (HMAC-SHA-256 instead of SHA-256 for each entry's hash), so whoever can
 * write {@code audit.db} but not read the key cannot recompute the chain after editing a row. Every process that
 * writes to one audit file must use the same key: an entry hashed with another key, or none, breaks the chain.
 * Never printed.
 */
public final class AuditChainKey {
    /** HMAC-SHA-256 takes any length; shorter than this would be guessable. */
    public static final int MIN_BYTES = 16;
    private static final AuditChainKey NONE = new AuditChainKey(null);

    private final byte[] bytes;

    private AuditChainKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** No key: plain SHA-256, which proves nothing against someone who can write the file. */
    public static AuditChainKey none() {
        return NONE;
    }

    /** @throws IllegalArgumentException when shorter than {@link #MIN_BYTES} */
    public static AuditChainKey of(byte[] secret) {
        if (secret == null || secret.length < MIN_BYTES) {
            throw new IllegalArgumentException("the audit chain key must be at least " + MIN_BYTES + " bytes, got "
                    + (secret == null ? 0 : secret.length));
        }
        return new AuditChainKey(Arrays.copyOf(secret, secret.length));
    }

    ChainHasher hasher() {
        return new ChainHasher(bytes);
    }

    @Override
    public String toString() {
        return bytes == null ? "AuditChainKey[none]" : "AuditChainKey[********]";
    }
}
