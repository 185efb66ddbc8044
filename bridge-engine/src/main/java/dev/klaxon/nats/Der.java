package dev.klaxon.nats;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Just enough ASN.1 DER to re-wrap the two traditional OpenSSL key formats (PKCS#1 RSA, SEC1 EC) as PKCS#8, which is
 * all the JDK's key factories read. Not a general parser: definite lengths only, inputs come from key files.
 */
final class Der {

    static final int SEQUENCE = 0x30;
    static final int OCTET_STRING = 0x04;
    static final int INTEGER = 0x02;
    static final int CONTEXT_0 = 0xA0;

    /** A value with its tag; {@code encoded} is the whole TLV, {@code content} the value bytes. */
    record Tlv(int tag, byte[] encoded, byte[] content) { }

    private Der() {
    }

    static byte[] encode(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        writeLength(out, content.size());
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    /** The elements of a DER SEQUENCE. */
    static List<Tlv> sequence(byte[] der) {
        Tlv outer = read(der, 0);
        if (outer.tag() != SEQUENCE) {
            throw new IllegalArgumentException("not a DER sequence");
        }
        List<Tlv> children = new ArrayList<>();
        byte[] content = outer.content();
        int offset = 0;
        while (offset < content.length) {
            Tlv child = read(content, offset);
            children.add(child);
            offset += child.encoded().length;
        }
        return children;
    }

    private static Tlv read(byte[] der, int start) {
        int offset = start;
        int tag = unsigned(der, offset++);
        int length = unsigned(der, offset++);
        if (length >= 0x80) {
            int lengthBytes = length & 0x7F;
            if (lengthBytes == 0 || lengthBytes > 4) {
                throw new IllegalArgumentException("unsupported DER length");
            }
            length = 0;
            for (int i = 0; i < lengthBytes; i++) {
                length = (length << 8) | unsigned(der, offset++);
            }
        }
        if (length < 0 || offset + length > der.length) {
            throw new IllegalArgumentException("truncated DER value");
        }
        byte[] encoded = Arrays.copyOfRange(der, start, offset + length);
        byte[] content = Arrays.copyOfRange(der, offset, offset + length);
        return new Tlv(tag, encoded, content);
    }

    private static int unsigned(byte[] der, int offset) {
        if (offset >= der.length) {
            throw new IllegalArgumentException("truncated DER value");
        }
        return der[offset] & 0xFF;
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int bytes = length > 0xFFFFFF ? 4 : length > 0xFFFF ? 3 : length > 0xFF ? 2 : 1;
        out.write(0x80 | bytes);
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((length >>> (8 * i)) & 0xFF);
        }
    }
}
