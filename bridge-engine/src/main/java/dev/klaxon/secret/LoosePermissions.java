package dev.klaxon.secret;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * Says when a file holding a secret, or a directory holding Klaxon's data, can be read by people other than its
 * owner, as ssh does for a private key. A warning, not a refusal: on a laptop the owner may be the only user, and
 * refusing would stop the pager over a mode. Modes are read through symlinks, since the target is what is read.
 */
public final class LoosePermissions {

    private LoosePermissions() {
    }

    /** A warning when the secret file is readable (or writable) by group or others; empty otherwise or unknown. */
    public static Optional<String> ofSecretFile(Path file) {
        return loose(file).map(mode -> "secret file " + file + " is " + mode.who() + " (mode " + mode.octal()
                + "): only you should be able to read it; run: chmod 600 " + file);
    }

    /** A warning when the storage directory is readable (or writable) by group or others; empty otherwise. */
    public static Optional<String> ofStorageDirectory(Path dir) {
        return loose(dir).map(mode -> "storage directory " + dir + " is " + mode.who() + " (mode " + mode.octal()
                + "): it holds alert bodies and the audit; run: chmod 700 " + dir);
    }

    private static Optional<Mode> loose(Path path) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(path);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty(); // missing (reported elsewhere) or no POSIX modes here: nothing to say
        }
        boolean group = permissions.contains(PosixFilePermission.GROUP_READ)
                || permissions.contains(PosixFilePermission.GROUP_WRITE);
        boolean others = permissions.contains(PosixFilePermission.OTHERS_READ)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE);
        if (!group && !others) {
            return Optional.empty();
        }
        String who = (group && others ? "readable by group and others"
                : group ? "readable by its group" : "readable by others");
        return Optional.of(new Mode(who, octal(permissions)));
    }

    /** "0644". */
    private static String octal(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            // The enum's order is owner rwx, group rwx, others rwx: bit 8 down to bit 0.
            mode |= 1 << (8 - permission.ordinal());
        }
        return String.format("0%03o", mode);
    }

    /** Who besides the owner can get at a file, and its mode in octal. */
    private record Mode(String who, String octal) { }
}
