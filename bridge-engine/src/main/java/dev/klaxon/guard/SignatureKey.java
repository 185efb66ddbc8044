package dev.klaxon.guard;

import java.nio.ByteBuffer;

/**
 * An accepted HMAC-SHA256 signature (32 bytes) as four longs: a record of primitives costs ~40 bytes where a hex
 * string would cost ~110, and the replay memory holds up to {@link AcceptedSignatures#DEFAULT_CAPACITY} of them.
 * Keyed by the signature itself, not by the body: the MAC covers timestamp and body exactly, so equal signatures
 * mean a byte-for-byte replay, and a publisher re-sending the same alert with a new timestamp is not one.
 */
public record SignatureKey(long a, long b, long c, long d) {
    public static final int BYTES = 32;

    public static SignatureKey of(byte[] signature) {
        if (signature.length != BYTES) {
            throw new IllegalArgumentException("an HMAC-SHA256 signature is " + BYTES + " bytes, not "
                    + signature.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(signature);
        return new SignatureKey(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
    }

    public byte[] bytes() {
        return ByteBuffer.allocate(BYTES).putLong(a).putLong(b).putLong(c).putLong(d).array();
    }
}
