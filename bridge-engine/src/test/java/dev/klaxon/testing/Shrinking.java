package dev.klaxon.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Smaller versions of a failing input, biggest cuts first, and a readable form of it. */
final class Shrinking {
    private static final int SHOWN = 600;

    private Shrinking() {
    }

    static List<byte[]> smallerByteArrays(byte[] input) {
        List<byte[]> candidates = new ArrayList<>();
        for (int chunk = Math.max(1, input.length / 2); chunk >= 1; chunk /= 2) {
            for (int at = 0; at + chunk <= input.length; at += chunk) {
                byte[] cut = new byte[input.length - chunk];
                System.arraycopy(input, 0, cut, 0, at);
                System.arraycopy(input, at + chunk, cut, at, input.length - at - chunk);
                candidates.add(cut);
            }
            if (chunk == 1) {
                break;
            }
        }
        return candidates;
    }

    static List<String> smallerStrings(String input) {
        List<String> candidates = new ArrayList<>();
        for (int chunk = Math.max(1, input.length() / 2); chunk >= 1; chunk /= 2) {
            for (int at = 0; at + chunk <= input.length(); at += chunk) {
                candidates.add(input.substring(0, at) + input.substring(at + chunk));
            }
            if (chunk == 1) {
                break;
            }
        }
        return candidates;
    }

    /** Printable ASCII as itself, every other byte as {@code \xNN}. */
    static String showBytes(byte[] input) {
        StringBuilder out = new StringBuilder();
        byte[] shown = Arrays.copyOf(input, Math.min(input.length, SHOWN));
        for (byte b : shown) {
            int value = b & 0xFF;
            if (value >= 0x20 && value < 0x7F && value != '\\') {
                out.append((char) value);
            } else {
                out.append(String.format("\\x%02X", value));
            }
        }
        return "\"" + out + "\"" + (input.length > SHOWN ? " ... (" + input.length + " bytes)" : "");
    }

    static String showString(String input) {
        StringBuilder out = new StringBuilder();
        String shown = input.substring(0, Math.min(input.length(), SHOWN));
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("\\u%04X", (int) c));
            }
        }
        return "\"" + out + "\"" + (input.length() > SHOWN ? " ... (" + input.length() + " chars)" : "");
    }
}
