package dev.klaxon.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The word-at-a-time scans against the byte they must find, for every byte value at every place in a word and in
 * the bytes after the last whole word: a flag that leaks from one byte to a lower one would show here.
 */
class ByteScanTest {

    @Test
    void nextStringStopFindsTheFirstQuoteBackslashControlOrHighByte() {
        for (int value = 0; value < 256; value++) {
            byte b = (byte) value;
            boolean stop = b == '"' || b == '\\' || value < 0x20 || value >= 0x80;
            for (int length = 1; length <= 24; length++) {
                for (int at = 0; at < length; at++) {
                    byte[] bytes = plain(length);
                    bytes[at] = b;
                    for (int from = 0; from <= at; from++) {
                        assertThat(ByteScan.nextStringStop(bytes, from))
                                .as("byte 0x%02X at %d of %d, from %d", value, at, length, from)
                                .isEqualTo(stop ? at : length);
                    }
                }
            }
        }
    }

    @Test
    void nextStringStopGivesTheLowerOfTwoStops() {
        byte[] stops = {'"', '\\', 0x00, 0x1F, (byte) 0x80, (byte) 0xFF};
        for (byte first : stops) {
            for (byte second : stops) {
                for (int at = 0; at < 15; at++) {
                    byte[] bytes = plain(17);
                    bytes[at] = first;
                    bytes[at + 1] = second;
                    assertThat(ByteScan.nextStringStop(bytes, 0)).isEqualTo(at);
                }
            }
        }
    }

    @Test
    void firstNonAsciiFindsTheFirstHighByte() {
        for (int length = 1; length <= 24; length++) {
            for (int at = 0; at < length; at++) {
                byte[] bytes = plain(length);
                bytes[at] = (byte) 0xC3;
                assertThat(ByteScan.firstNonAscii(bytes, 0)).isEqualTo(at);
                assertThat(ByteScan.firstNonAscii(bytes, at + 1)).isEqualTo(length);
            }
        }
    }

    /** Text that stops no scan: printable ASCII other than the quote and the backslash. */
    private static byte[] plain(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 'a');
        return bytes;
    }
}
