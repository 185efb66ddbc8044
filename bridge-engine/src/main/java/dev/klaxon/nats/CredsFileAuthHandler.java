package dev.klaxon.nats;

import dev.klaxon.secret.RegularFiles;
import io.nats.client.AuthHandler;
import io.nats.client.Nats;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Authenticates with a NATS creds file (user JWT and NKey seed). Like jnats's own file handler it reads the file at
 * each connect, so a rotated file is used by the next reconnect; unlike it, through {@link RegularFiles}, so a FIFO
 * or a device put in the file's place is refused rather than hanging the reconnect. The bytes are wiped after use.
 */
final class CredsFileAuthHandler implements AuthHandler {

    private final Path credsFile;

    CredsFileAuthHandler(Path credsFile) {
        this.credsFile = credsFile;
    }

    /** Fails early, with a message safe to show, if the file cannot be used. */
    void check() {
        char[] jwt = getJWT();
        char[] id = getID();
        Arrays.fill(jwt, '\0');
        Arrays.fill(id, '\0');
    }

    @Override
    public byte[] sign(byte[] nonce) {
        return withCredentials(handler -> handler.sign(nonce), "signing failed");
    }

    @Override
    public char[] getID() {
        return withCredentials(AuthHandler::getID, "holds no NKey seed");
    }

    @Override
    public char[] getJWT() {
        return withCredentials(AuthHandler::getJWT, "holds no user JWT");
    }

    private <T> T withCredentials(Function<AuthHandler, T> use, String problem) {
        byte[] bytes;
        try {
            // Through RegularFiles: a FIFO or /dev/zero named as the creds must not hang or exhaust the engine.
            bytes = RegularFiles.read(credsFile, RegularFiles.SECRET_LIMIT, "a secret file");
        } catch (RegularFiles.RefusedFileException e) {
            throw unusable(e.getCause() != null
                    ? "cannot be read (" + e.getCause().getClass().getSimpleName() + ")" : e.getMessage());
        }
        try {
            T result = use.apply(Nats.staticCredentials(bytes));
            if (result == null) {
                throw unusable(problem);
            }
            return result;
        } catch (RuntimeException e) {
            if (e instanceof NatsSetupException setup) {
                throw setup;
            }
            throw unusable(problem);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private NatsSetupException unusable(String why) {
        return new NatsSetupException("nats.creds_file " + credsFile + ": " + why);
    }
}
