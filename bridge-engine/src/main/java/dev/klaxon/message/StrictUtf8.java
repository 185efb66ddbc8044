package dev.klaxon.message;

/**
 * Checks bytes against UTF-8 as the Unicode standard defines it (Table 3-7, "well-formed UTF-8 byte sequences"),
 * which is stricter than what Jackson's UTF-8 reader accepts: Jackson decodes overlong forms ({@code C0 AF} as
 * {@code /}, {@code C1 A1} as {@code a}), encoded surrogates (CESU-8) and code points above U+10FFFF, so a body
 * could spell a key or a value that no conforming producer would have sent. The body is checked here before any
 * parser sees it.
 *
 * <p>One pass without allocation; runs of ASCII, the common case, are skipped eight bytes at a time.
 */
final class StrictUtf8 {

    /**
     * Where a body stops being UTF-8.
     *
     * @param offset the index of the first byte of the offending sequence
     * @param length how many bytes are shown: the sequence up to and including the byte that broke it
     * @param what   what is wrong, for people (e.g. "an overlong encoding")
     */
    record Violation(int offset, int length, String what) {

        /** E.g. {@code body is not valid UTF-8 (bytes 0xC0 0xAF at byte 13: an overlong encoding)}. */
        String reason(byte[] body) {
            StringBuilder out = new StringBuilder("body is not valid UTF-8 (").append(length == 1 ? "byte" : "bytes");
            for (int i = offset; i < offset + length; i++) {
                out.append(String.format(" 0x%02X", body[i] & 0xFF));
            }
            return out.append(" at byte ").append(offset).append(": ").append(what).append(')').toString();
        }
    }

    private static final String OVERLONG = "an overlong encoding";
    private static final String SURROGATE = "an encoded surrogate";
    private static final String TOO_HIGH = "above U+10FFFF";
    private static final String CUT_SHORT = "a sequence cut short";

    private StrictUtf8() {
    }

    /** The first violation in {@code body}, or null when all of it is well-formed UTF-8. */
    static Violation firstViolation(byte[] body) {
        int i = ByteScan.firstNonAscii(body, 0);
        while (i < body.length) {
            int lead = body[i] & 0xFF;
            if (lead < 0x80) {
                i = ByteScan.firstNonAscii(body, i);
                continue;
            }
            int length = sequenceLength(lead);
            if (length == 0) {
                return atLead(body, i, lead);
            }
            Violation violation = checkSequence(body, i, lead, length);
            if (violation != null) {
                return violation;
            }
            i += length;
        }
        return null;
    }

    /** 2, 3 or 4 for a lead byte that can start a well-formed sequence, 0 otherwise. */
    private static int sequenceLength(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 2;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 3;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            return 4;
        }
        return 0;
    }

    /** A byte that can never start a sequence: shown with the continuation bytes that follow it. */
    private static Violation atLead(byte[] body, int at, int lead) {
        if (lead <= 0xBF) {
            return new Violation(at, 1, "a continuation byte without a lead byte");
        }
        if (lead == 0xC0 || lead == 0xC1) {
            return new Violation(at, withContinuations(body, at, 1), OVERLONG);
        }
        if (lead <= 0xF7) {
            // F5..F7 would lead four-byte sequences for U+140000 and up.
            return new Violation(at, withContinuations(body, at, 3), TOO_HIGH);
        }
        return new Violation(at, 1, "never used in UTF-8");
    }

    private static Violation checkSequence(byte[] body, int at, int lead, int length) {
        for (int k = 1; k < length; k++) {
            if (at + k >= body.length) {
                return new Violation(at, k, CUT_SHORT + " by the end of the body");
            }
            int next = body[at + k] & 0xFF;
            if (!isContinuation(next)) {
                return new Violation(at, k + 1, CUT_SHORT);
            }
            if (k == 1) {
                String wrong = secondByteProblem(lead, next);
                if (wrong != null) {
                    return new Violation(at, withContinuations(body, at, length - 1), wrong);
                }
            }
        }
        return null;
    }

    /** The leads whose second byte has a narrower range than 80..BF (Table 3-7), and why. */
    private static String secondByteProblem(int lead, int second) {
        return switch (lead) {
            case 0xE0 -> second < 0xA0 ? OVERLONG : null;
            case 0xED -> second > 0x9F ? SURROGATE : null;
            case 0xF0 -> second < 0x90 ? OVERLONG : null;
            case 0xF4 -> second > 0x8F ? TOO_HIGH : null;
            default -> null;
        };
    }

    /** 1 plus the number of continuation bytes (at most {@code max}) right after {@code at}. */
    private static int withContinuations(byte[] body, int at, int max) {
        int n = 1;
        while (n <= max && at + n < body.length && isContinuation(body[at + n] & 0xFF)) {
            n++;
        }
        return n;
    }

    private static boolean isContinuation(int b) {
        return b >= 0x80 && b <= 0xBF;
    }
}
