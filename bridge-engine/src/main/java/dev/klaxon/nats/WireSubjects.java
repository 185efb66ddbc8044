package dev.klaxon.nats;

import dev.klaxon.message.InboundMessage;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Turns the subject jnats hands over into the subject that was published.
 *
 * <p>jnats reads the {@code MSG} line byte by byte into a char array ({@code (char) b}, "assumes ascii, as per
 * protocol doc"), which is exact for ASCII but turns each byte from 0x80 up into U+FF80..U+FFFF (the byte is
 * sign-extended): {@code alerts.prod.é☃} arrived as {@code alerts.prod.ￃﾩ￢ﾘﾃ}, so dedup keys, the audit and route
 * matching all saw something no one published. Each such char still holds its byte in its low 8 bits, so the bytes
 * are rebuilt and decoded as strict UTF-8 here. Bytes that are not UTF-8 make the message's subject unusable: it is
 * shown escaped ({@code \xFF}) and rejected by the engine like any malformed subject.
 *
 * <p>(jnats's {@code supportUTF8Subjects()} option decodes instead, but leniently, turning bad bytes into U+FFFD that
 * cannot be told from a published U+FFFD, and it allocates a buffer per message on the hot path.)
 *
 * <p>The common case, an ASCII subject, costs one scan of its chars and no allocation.
 */
final class WireSubjects {
    /** The bytes 0x80..0xFF as jnats's {@code (char) b} leaves them. */
    private static final char FIRST_WIDENED = '\uFF80';
    private static final int SHOWN_BYTES = 120;

    private WireSubjects() {
    }

    static InboundMessage message(String wire, byte[] body, Map<String, List<String>> headers, Instant receivedAt) {
        if (isAscii(wire)) {
            return new InboundMessage(wire, body, headers, receivedAt);
        }
        if (!isWidenedBytes(wire)) {
            return new InboundMessage(wire, body, headers, receivedAt); // decoded already (a client in UTF-8 mode)
        }
        byte[] bytes = new byte[wire.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) wire.charAt(i);
        }
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer decoded = CharBuffer.allocate(bytes.length);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult result = strict.decode(in, decoded, true);
        if (!result.isError()) {
            return new InboundMessage(decoded.flip().toString(), body, headers, receivedAt);
        }
        int at = in.position();
        String problem = "subject is not valid UTF-8 (byte 0x" + String.format("%02X", bytes[at] & 0xFF)
                + " at byte " + at + "): \"" + escaped(bytes, SHOWN_BYTES) + "\"";
        return new InboundMessage(escaped(bytes, SHOWN_BYTES), body, headers, receivedAt, problem);
    }

    private static boolean isAscii(String wire) {
        for (int i = 0; i < wire.length(); i++) {
            if (wire.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWidenedBytes(String wire) {
        for (int i = 0; i < wire.length(); i++) {
            char c = wire.charAt(i);
            if (c >= 0x80 && c < FIRST_WIDENED) {
                return false;
            }
        }
        return true;
    }

    /**
     * The subject for people to read: printable ASCII as it is, everything else as {@code \xNN}, at most
     * {@code limit} bytes of it. Nothing undecodable or invisible ever reaches a reason, a log or a table.
     */
    private static String escaped(byte[] bytes, int limit) {
        int shown = Math.min(limit, bytes.length);
        StringBuilder out = new StringBuilder(shown + 16);
        for (int i = 0; i < shown; i++) {
            int b = bytes[i] & 0xFF;
            if (b > 0x20 && b < 0x7F && b != '\\') {
                out.append((char) b);
            } else {
                out.append(String.format("\\x%02X", b));
            }
        }
        return shown < bytes.length ? out.append('…').toString() : out.toString();
    }
}
