package dev.klaxon.message;

/**
 * Recognises the common alert body, a plain JSON object, in one pass over its bytes without a parser, so that log
 * and drop rules (most of a flood) skip Jackson's validating parse and its per-message allocations (about 85% of
 * what the processing thread allocated in the engine benchmark).
 *
 * <p>It only ever answers "certainly acceptable" or "not sure". Whatever it does not handle exactly — a {@code \\u}
 * escape, an exponent, an escape in a field name, deep nesting, many fields in one object, a top-level field whose
 * value the contract restricts and that is not plainly right — is "not sure", and the full check decides and gives
 * the reason. It must therefore never call acceptable what the full check rejects: {@code JsonQuickCheckTest} holds
 * it to that on generated bodies.
 *
 * <p>It reads bytes of 0x80 and up inside strings as plain text, so its "acceptable" holds for a body that is
 * well-formed UTF-8. It also tells whether it met any such byte: a body it accepts that is all ASCII is UTF-8 as it
 * stands, and the decoder skips its separate UTF-8 pass ({@link StrictUtf8}) for the common alert.
 */
final class JsonQuickCheck {

    /** Far inside Jackson's limit of 64; deeper bodies are rare and the full check judges them. */
    private static final int MAX_DEPTH = 16;
    /** Field names remembered at once (all open objects together), for the duplicate check. */
    private static final int MAX_NAMES = 64;
    private static final int MAX_NAME_BYTES = 256;
    /** Long enough for any plain integer or decimal in an alert; a double holds far more. */
    private static final int MAX_NUMBER_CHARS = 32;

    private static final byte[][] TEXT_FIELDS = ascii("summary", "source", "component", "group", "class",
            "timestamp", "severity");
    private static final byte[] DEDUP_KEY = ascii("dedup_key")[0];
    private static final byte[] EVENT_ACTION = ascii("event_action")[0];
    /** The exact spellings {@link EventAction#parse} takes; any other (upper case, spaces) goes to the full check. */
    private static final byte[][] EVENT_ACTIONS = ascii("trigger", "acknowledge", "ack", "resolve", "resolved");

    /** The body being checked; null between checks so a checker kept for reuse holds on to no message. */
    private byte[] body;
    /** Start and end (exclusive) of each remembered field name, two ints per name; grown as names come. */
    private int[] names = new int[16];
    private int nameCount;
    private int pos;
    /** False once a byte of 0x80 and up was met in the body being checked (or the one checked last). */
    private boolean asciiOnly;

    /**
     * A checker for one thread at a time, reused body after body: a new checker and its name array per body were
     * over half of what the processing thread allocated in the engine benchmark.
     */
    JsonQuickCheck() {
    }

    /**
     * True only when the body, whose first non-blank byte at {@code first} is a '{', is certainly accepted by the
     * decoder's full check; false means "not sure", never "rejected".
     */
    boolean certainlyValid(byte[] body, int first) {
        this.body = body;
        nameCount = 0;
        asciiOnly = true;
        try {
            return document(first);
        } finally {
            this.body = null;
        }
    }

    /**
     * True when the body last checked and accepted held only ASCII, so it is UTF-8 too; false when it held a byte of
     * 0x80 and up, whose UTF-8 the caller must still check. Means nothing after a "not sure".
     */
    boolean acceptedAsciiOnly() {
        return asciiOnly;
    }

    private boolean document(int first) {
        pos = first;
        if (!object(1)) {
            return false;
        }
        skipBlanks();
        return pos == body.length;
    }

    /** At a '{'. */
    private boolean object(int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        pos++;
        skipBlanks();
        if (at('}')) {
            pos++;
            return true;
        }
        int outerNames = nameCount;
        while (true) {
            if (!at('"')) {
                return false;
            }
            int nameStart = pos + 1;
            int nameEnd = endOfPlainString(nameStart);
            if (nameEnd < 0 || nameEnd - nameStart > MAX_NAME_BYTES || !remember(outerNames, nameStart, nameEnd)) {
                return false;
            }
            pos = nameEnd + 1;
            skipBlanks();
            if (!at(':')) {
                return false;
            }
            pos++;
            skipBlanks();
            if (!(depth == 1 ? topLevelValue(nameStart, nameEnd) : value(depth))) {
                return false;
            }
            skipBlanks();
            if (at(',')) {
                pos++;
                skipBlanks();
            } else if (at('}')) {
                pos++;
                nameCount = outerNames;
                return true;
            } else {
                return false;
            }
        }
    }

    /** At a '['. */
    private boolean array(int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        pos++;
        skipBlanks();
        if (at(']')) {
            pos++;
            return true;
        }
        while (true) {
            if (!value(depth)) {
                return false;
            }
            skipBlanks();
            if (at(',')) {
                pos++;
                skipBlanks();
            } else if (at(']')) {
                pos++;
                return true;
            } else {
                return false;
            }
        }
    }

    /** A value inside a container at {@code depth}. */
    private boolean value(int depth) {
        if (pos >= body.length) {
            return false;
        }
        return switch (body[pos]) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> number();
            default -> false;
        };
    }

    /** The contract's rules for a top-level field: text fields hold no object or list; two fields hold set values. */
    private boolean topLevelValue(int nameStart, int nameEnd) {
        if (pos >= body.length) {
            return false;
        }
        byte first = body[pos];
        if (nameIs(nameStart, nameEnd, DEDUP_KEY)) {
            // The full check refuses a dedup_key holding a control character or a line separator, which an escape or
            // a byte outside printable ASCII may spell: only printable ASCII is certain.
            if (first == 'n') {
                return literal("null");
            }
            int start = pos + 1;
            int end = first == '"' ? plainStringValue() : -1;
            return end >= 0 && printableAscii(start, end);
        }
        if (nameIs(nameStart, nameEnd, EVENT_ACTION)) {
            if (first == 'n') {
                return literal("null");
            }
            int start = pos + 1;
            int end = first == '"' ? plainStringValue() : -1;
            return end >= 0 && oneOf(start, end, EVENT_ACTIONS);
        }
        if ((first == '{' || first == '[') && isTextField(nameStart, nameEnd)) {
            return false;
        }
        return value(1);
    }

    /** At a '"': a string whose escapes are all of the short kind ({@code \\u} could spell NUL or a surrogate). */
    private boolean string() {
        int i = pos + 1;
        while (true) {
            i = ByteScan.nextStringStop(body, i);
            if (i >= body.length) {
                return false;
            }
            byte b = body[i];
            if (b < 0) {
                asciiOnly = false;
                i++;
                continue;
            }
            if (b == '"') {
                pos = i + 1;
                return true;
            }
            if (b != '\\' || i + 1 >= body.length) {
                return false; // a raw control character: not JSON
            }
            switch (body[i + 1]) {
                case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> i += 2;
                default -> {
                    return false;
                }
            }
        }
    }

    /** At a '"': a string without any escape; moves past it and returns the end of its text, or -1. */
    private int plainStringValue() {
        int end = endOfPlainString(pos + 1);
        if (end >= 0) {
            pos = end + 1;
        }
        return end;
    }

    /** The index of the closing quote of a string without escapes or control characters starting at {@code from}. */
    private int endOfPlainString(int from) {
        int i = ByteScan.nextStringStop(body, from);
        while (i < body.length && body[i] < 0) {
            asciiOnly = false;
            i = ByteScan.nextStringStop(body, i + 1);
        }
        return i < body.length && body[i] == '"' ? i : -1;
    }

    private boolean number() {
        int start = pos;
        if (body[pos] == '-') {
            pos++;
        }
        if (pos >= body.length) {
            return false;
        }
        if (body[pos] == '0') {
            pos++;
        } else if (isDigit(body[pos])) {
            skipDigits();
        } else {
            return false;
        }
        if (at('.')) {
            pos++;
            int digits = pos;
            skipDigits();
            if (pos == digits) {
                return false;
            }
        }
        // An exponent can overflow a double (1e999999), which the full check names: not sure.
        return !at('e') && !at('E') && pos - start <= MAX_NUMBER_CHARS;
    }

    private boolean literal(String word) {
        int end = pos + word.length();
        if (end > body.length) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (body[pos + i] != word.charAt(i)) {
                return false;
            }
        }
        pos = end;
        return true;
    }

    /** Adds a name to the open object's names; false when it repeats one of them or there are too many to hold. */
    private boolean remember(int objectFirstName, int start, int end) {
        if (nameCount == MAX_NAMES) {
            return false;
        }
        if (2 * nameCount == names.length) {
            names = java.util.Arrays.copyOf(names, names.length * 2);
        }
        for (int n = objectFirstName; n < nameCount; n++) {
            if (sameBytes(names[2 * n], names[2 * n + 1], start, end)) {
                return false;
            }
        }
        names[2 * nameCount] = start;
        names[2 * nameCount + 1] = end;
        nameCount++;
        return true;
    }

    private boolean sameBytes(int aStart, int aEnd, int bStart, int bEnd) {
        int length = aEnd - aStart;
        if (length != bEnd - bStart) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (body[aStart + i] != body[bStart + i]) {
                return false;
            }
        }
        return true;
    }

    private boolean nameIs(int start, int end, byte[] name) {
        if (end - start != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (body[start + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean oneOf(int start, int end, byte[][] choices) {
        for (byte[] choice : choices) {
            if (nameIs(start, end, choice)) {
                return true;
            }
        }
        return false;
    }

    private boolean printableAscii(int start, int end) {
        for (int i = start; i < end; i++) {
            if (body[i] < 0x20 || body[i] == 0x7F) {
                return false; // negative bytes (0x80 and up) are below 0x20 too
            }
        }
        return true;
    }

    private boolean isTextField(int start, int end) {
        return oneOf(start, end, TEXT_FIELDS);
    }

    private void skipBlanks() {
        if (pos < body.length && body[pos] > ' ') {
            return; // the common case: compact JSON
        }
        while (pos < body.length) {
            byte b = body[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    private void skipDigits() {
        while (pos < body.length && isDigit(body[pos])) {
            pos++;
        }
    }

    private boolean at(char c) {
        return pos < body.length && body[pos] == c;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static byte[][] ascii(String... words) {
        byte[][] out = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            out[i] = words[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        return out;
    }
}
