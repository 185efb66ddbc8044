package dev.klaxon.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes for the audit chain. Not thread-safe: each thread that hashes (the writer, one verification) owns one, so
 * the digest is created once and reused on the hot path.
 *
 * <p>Canonical form of a list of values, the same on every platform and in every version: for each value in column
 * order one tag byte, then 0 = null (nothing more), 1 = integer (8 bytes, big-endian), 2 = text (4-byte big-endian
 * length, then that many UTF-8 bytes). Length prefixes, not separators, so no value can be crafted to shift a field
 * boundary.
 *
 * <p>A row hash is plain SHA-256 of the row's canonical form. An entry hash is SHA-256 (or HMAC-SHA-256 when a key is
 * configured) of the previous entry's hash followed by the entry's canonical form: without the key, whoever can
 * write the file can recompute every entry hash; with it, they cannot.
 */
final class ChainHasher {
    static final String ZERO = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest digest;
    private final Mac mac;
    private final byte[] buffer4 = new byte[4];
    private final byte[] buffer8 = new byte[8];

    ChainHasher(byte[] key) {
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
            if (key == null) {
                this.mac = null;
            } else {
                this.mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256 and HmacSHA256", e);
        }
    }

    boolean keyed() {
        return mac != null;
    }

    String rowHash(List<?> values) {
        digest.reset();
        for (Object value : values) {
            feed(value, digest::update, digest::update);
        }
        return HEX.formatHex(digest.digest());
    }

    String entryHash(String prevHash, ChainEntry entry) {
        List<Object> fields = Arrays.asList(entry.seq(), entry.table(), entry.rowId(), entry.at(), entry.rowHash(),
                entry.note());
        if (mac != null) {
            mac.reset();
            mac.update(HEX.parseHex(prevHash));
            for (Object value : fields) {
                feed(value, mac::update, mac::update);
            }
            return HEX.formatHex(mac.doFinal());
        }
        digest.reset();
        digest.update(HEX.parseHex(prevHash));
        for (Object value : fields) {
            feed(value, digest::update, digest::update);
        }
        return HEX.formatHex(digest.digest());
    }

    private interface ByteSink {
        void update(byte b);
    }

    private interface ArraySink {
        void update(byte[] bytes);
    }

    private void feed(Object value, ByteSink one, ArraySink many) {
        if (value == null) {
            one.update((byte) 0);
        } else if (value instanceof Number number) {
            one.update((byte) 1);
            ByteBuffer.wrap(buffer8).putLong(0, number.longValue());
            many.update(buffer8);
        } else {
            byte[] text = value.toString().getBytes(StandardCharsets.UTF_8);
            one.update((byte) 2);
            ByteBuffer.wrap(buffer4).putInt(0, text.length);
            many.update(buffer4);
            many.update(text);
        }
    }
}
