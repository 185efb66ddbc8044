package dev.klaxon.nats;

import dev.klaxon.secret.RegularFiles;
import io.nats.client.AuthHandler;
import io.nats.client.NKey;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * Authenticates with a bare NKey (no JWT) whose seed lives in a file. The seed is read at each connect and wiped
 * right after signing, so it is not held in memory between connects and a rotated file is picked up.
 */
final class NKeySeedAuthHandler implements AuthHandler {

    private final Path seedFile;

    NKeySeedAuthHandler(Path seedFile) {
        this.seedFile = seedFile;
    }

    /** Fails early, with a message safe to show, if the file cannot be used. */
    void check() {
        char[] id = getID();
        Arrays.fill(id, '\0');
    }

    @Override
    public byte[] sign(byte[] nonce) {
        NKey key = load();
        try {
            return key.sign(nonce);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw unusable("signing failed");
        } finally {
            key.clear();
        }
    }

    @Override
    public char[] getID() {
        NKey key = load();
        try {
            return key.getPublicKey();
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw unusable("no public key");
        } finally {
            key.clear();
        }
    }

    @Override
    public char[] getJWT() {
        return null;
    }

    private NKey load() {
        char[] seed = readSeed();
        try {
            return NKey.fromSeed(seed);
        } catch (RuntimeException e) {
            throw unusable("not an NKey seed");
        } finally {
            Arrays.fill(seed, '\0');
        }
    }

    /**
     * The first line that looks like a seed (letters and digits, starting with 'S'), so the file may carry comments
     * or a trailing newline. Works on bytes and char arrays only so the seed can be wiped (a String cannot).
     */
    private char[] readSeed() {
        byte[] bytes;
        try {
            // Through RegularFiles: a FIFO or /dev/zero named as the seed must not hang or exhaust the engine.
            bytes = RegularFiles.read(seedFile, RegularFiles.SECRET_LIMIT, "a secret file");
        } catch (RegularFiles.RefusedFileException e) {
            throw unusable(e.getCause() != null
                    ? "cannot be read (" + e.getCause().getClass().getSimpleName() + ")" : e.getMessage());
        }
        try {
            int lineStart = 0;
            for (int i = 0; i <= bytes.length; i++) {
                if (i == bytes.length || bytes[i] == '\n' || bytes[i] == '\r') {
                    char[] line = strippedLine(bytes, lineStart, i);
                    if (looksLikeSeed(line)) {
                        return line;
                    }
                    Arrays.fill(line, '\0');
                    lineStart = i + 1;
                }
            }
            throw unusable("holds no NKey seed");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static char[] strippedLine(byte[] bytes, int from, int to) {
        int start = from;
        int end = to;
        while (start < end && Character.isWhitespace(bytes[start])) {
            start++;
        }
        while (end > start && Character.isWhitespace(bytes[end - 1])) {
            end--;
        }
        char[] line = new char[end - start];
        for (int i = 0; i < line.length; i++) {
            line[i] = (char) (bytes[start + i] & 0xFF);
        }
        return line;
    }

    private static boolean looksLikeSeed(char[] line) {
        if (line.length == 0 || line[0] != 'S') {
            return false;
        }
        for (char c : line) {
            if (!(c >= 'A' && c <= 'Z') && !(c >= '2' && c <= '7')) {
                return false;
            }
        }
        return true;
    }

    private NatsSetupException unusable(String why) {
        return new NatsSetupException("nats.nkey_seed_file " + seedFile + ": " + why);
    }
}
