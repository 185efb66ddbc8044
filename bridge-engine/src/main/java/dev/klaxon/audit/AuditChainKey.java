package dev.klaxon.audit;

import dev.klaxon.secret.RegularFiles;
import java.nio.file.Path;
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

    /**
     * The key in {@code file} (its bytes; one trailing newline, as an editor leaves it, is not part of it). Read
     * through the project's one reader of secret files: a FIFO, a device or an oversized file is refused.
     *
     * @throws IllegalArgumentException when it cannot be read or is too short, saying why without its content
     */
    public static AuditChainKey fromFile(Path file) {
        byte[] bytes;
        try {
            bytes = RegularFiles.read(file, RegularFiles.SECRET_LIMIT, "the audit chain key file");
        } catch (RegularFiles.RefusedFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\n') {
            length--;
            if (length > 0 && bytes[length - 1] == '\r') {
                length--;
            }
        }
        byte[] key = Arrays.copyOf(bytes, length);
        Arrays.fill(bytes, (byte) 0);
        try {
            return of(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * The key {@code storage.audit_chain_key_file} names, or none when it is not set.
     *
     * @throws IllegalArgumentException naming the key when the file cannot be used
     */
    public static AuditChainKey configured(Path file) {
        if (file == null) {
            return none();
        }
        try {
            return fromFile(file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("storage.audit_chain_key_file: " + e.getMessage(), e);
        }
    }

    ChainHasher hasher() {
        return new ChainHasher(bytes);
    }

    @Override
    public String toString() {
        return bytes == null ? "AuditChainKey[none]" : "AuditChainKey[********]";
    }
}
