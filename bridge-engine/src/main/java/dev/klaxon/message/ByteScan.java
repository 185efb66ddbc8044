package dev.klaxon.message;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Word-at-a-time scans over a body, eight bytes per step. Every message passes through these before Jackson, so
 * they must cost little next to it: a byte-by-byte loop over a typical 500-byte alert took about as long as
 * Jackson's whole validating pass (measured: 1.8 µs against 0.8 µs per body before this).
 */
final class ByteScan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long QUOTES = LOW_BITS * '"';
    private static final long BACKSLASHES = LOW_BITS * '\\';
    private static final long SPACES = LOW_BITS * 0x20;

    private ByteScan() {
    }

    /** Index of the first byte at or after {@code from} that is not ASCII (0x80 and up), or {@code body.length}. */
    static int firstNonAscii(byte[] body, int from) {
        int i = from;
        for (; i + Long.BYTES <= body.length; i += Long.BYTES) {
            if (((long) LONGS.get(body, i) & HIGH_BITS) != 0) {
                break;
            }
        }
        for (; i < body.length; i++) {
            if (body[i] < 0) {
                return i;
            }
        }
        return body.length;
    }

    /** True when {@code body} holds the byte {@code value} followed by the byte {@code next}. */
    static boolean containsPair(byte[] body, byte value, byte next) {
        long pattern = LOW_BITS * (value & 0xFF);
        int i = 0;
        for (; i + Long.BYTES <= body.length; i += Long.BYTES) {
            long word = (long) LONGS.get(body, i) ^ pattern;
            // Sets a high bit in a byte that is zero (and, rarely, in the byte above one: the exact check follows).
            if (hasZeroByte(word) != 0 && pairAt(body, i, Long.BYTES, value, next)) {
                return true;
            }
        }
        return pairAt(body, i, body.length - i, value, next);
    }

    /**
     * The index of the first byte at or after {@code from} where a scan through string text must stop and look: a
     * quote, a backslash, a control character or a byte of 0x80 and up, or the length. Eight bytes per step: string
     * text is most of an alert's bytes ({@link JsonQuickCheck}).
     */
    static int nextStringStop(byte[] bytes, int from) {
        int i = from;
        for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i);
            long stop = hasZeroByte(word ^ QUOTES) | hasZeroByte(word ^ BACKSLASHES) | belowSpaceOrHigh(word);
            if (stop != 0) {
                // The lowest flagged byte is always a true one (a false flag only sits above a true one).
                return i + (Long.numberOfTrailingZeros(stop) >>> 3);
            }
        }
        for (; i < bytes.length; i++) {
            if (isStringStop(bytes[i])) {
                return i;
            }
        }
        return i;
    }

    private static boolean isStringStop(byte b) {
        return b == '"' || b == '\\' || b < 0x20; // bytes of 0x80 and up are negative
    }

    /** Flags (high bit) each zero byte of {@code word}; may also flag a 0x01 byte above a zero one, never below. */
    private static long hasZeroByte(long word) {
        return (word - LOW_BITS) & ~word & HIGH_BITS;
    }

    /**
     * Flags each byte below 0x20 or of 0x80 and up; may also flag bytes above a flagged one, never below. (The
     * below-space test's {@code & ~word} only keeps high bytes out, and here they are wanted.)
     */
    private static long belowSpaceOrHigh(long word) {
        return ((word - SPACES) | word) & HIGH_BITS;
    }

    private static boolean pairAt(byte[] body, int from, int count, byte value, byte next) {
        for (int i = from; i < from + count; i++) {
            if (body[i] == value && i + 1 < body.length && body[i + 1] == next) {
                return true;
            }
        }
        return false;
    }
}
