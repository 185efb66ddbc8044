package dev.klaxon.config;

import dev.klaxon.secret.RegularFiles;
import dev.klaxon.secret.SecretRef;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Paths and secret references written in the config. A path may start with {@code ~} (the user's home); a relative
 * path is relative to the config file's directory, so a config works the same whatever directory Klaxon starts in.
 * Files named by the config must be readable regular files, within a size limit, at load time; their contents are
 * never read here.
 */
final class FileReferences {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Path home;
    private final Path baseDir;
    private final ConfigErrors errors;

    FileReferences(Path home, Path baseDir, ConfigErrors errors) {
        this.home = home;
        this.baseDir = baseDir;
        this.errors = errors;
    }

    /** An absolute path for a path written in the config, with {@code ~} expanded. */
    Optional<Path> path(Located<String> text) {
        String written = text.value().strip();
        try {
            if (written.equals("~")) {
                return Optional.of(home);
            }
            if (written.startsWith("~/")) {
                return Optional.of(home.resolve(written.substring(2)).normalize());
            }
            if (written.startsWith("~")) {
                errors.add(text.path(), "only ~ (your home) is supported at the start of a path, not ~user; got \""
                        + written + "\"", text.line());
                return Optional.empty();
            }
            return Optional.of(baseDir.resolve(written).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            errors.add(text.path(), "not a valid path: \"" + written + "\"", text.line());
            return Optional.empty();
        }
    }

    /** Like {@link #path}, and the file must be a readable regular file of at most 1 MB now (a CA bundle, say). */
    Optional<Path> readableFile(Located<String> text) {
        return readableFile(text, YamlComposer.MAX_SIZE, "a file named in the config");
    }

    /** Like {@link #readableFile(Located)}, for a file that holds a secret: at most 64 KB. */
    Optional<Path> secretFile(Located<String> text) {
        return readableFile(text, RegularFiles.SECRET_LIMIT, "a secret file");
    }

    private Optional<Path> readableFile(Located<String> text, int limit, String what) {
        return path(text).filter(file -> {
            String problem = Files.isDirectory(file) ? "is a directory, expected a file: "
                    : !Files.exists(file) ? "file not found: "
                    : !Files.isReadable(file) ? "file is not readable: "
                    // What run would refuse to read (a FIFO that hangs it, /dev/zero, a 1 GB file), check refuses too.
                    : RegularFiles.problem(file, limit, what).map(refused -> refused.getMessage() + ": ").orElse(null);
            if (problem != null) {
                errors.add(text.path(), problem + file, text.line());
                return false;
            }
            return true;
        });
    }

    /**
     * Reads {@code <base>_env} or {@code <base>_file} from a mapping. The variable is not looked up here: it may be
     * set only where Klaxon runs, and it is checked when the secret is used. Located at the key that was given.
     */
    Optional<Located<SecretRef>> secret(YamlMap map, String base) {
        Optional<Located<String>> env = map.string(base + "_env");
        Optional<Located<String>> file = map.string(base + "_file");
        if (env.isPresent() && file.isPresent()) {
            errors.add(file.get().path(), "give " + base + "_env or " + base + "_file, not both", file.get().line());
            return Optional.empty();
        }
        if (env.isPresent()) {
            Located<String> name = env.get();
            // Never echo the value: someone may have pasted the secret itself where its variable's name belongs.
            if (!ENV_NAME.matcher(name.value()).matches()) {
                errors.add(name.path(), "expected the name of an environment variable (letters, digits and _), "
                        + "not its value", name.line());
                return Optional.empty();
            }
            return Optional.of(new Located<>(SecretRef.env(name.value()), name.path(), name.line()));
        }
        return file.flatMap(path -> secretFile(path)
                .map(found -> new Located<>(SecretRef.file(found.toString()), path.path(), path.line())));
    }
}
