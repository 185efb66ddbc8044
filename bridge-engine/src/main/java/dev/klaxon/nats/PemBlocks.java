package dev.klaxon.nats;

import dev.klaxon.config.ConfigLoader;
import dev.klaxon.secret.RegularFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code -----BEGIN X-----} blocks of a PEM file, decoded. Errors name the setting and file, never content. */
final class PemBlocks {

    /** One block; {@code encrypted} when its headers say so (traditional OpenSSL encryption). */
    record Block(String type, byte[] der, boolean encrypted) { }

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private PemBlocks() {
    }

    static List<Block> read(String setting, Path file) {
        String text;
        try {
            // Through RegularFiles, as every file a person names: a FIFO or /dev/zero here must not hang or exhaust.
            text = new String(RegularFiles.read(file, ConfigLoader.MAX_FILE_SIZE, "a PEM file"),
                    StandardCharsets.US_ASCII);
        } catch (RegularFiles.RefusedFileException e) {
            throw new NatsSetupException(setting + " " + file + " " + (e.getCause() != null
                    ? "cannot be read (" + e.getCause().getClass().getSimpleName() + ")" : e.getMessage()));
        }
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            blocks.add(decode(setting, file, matcher.group(1), matcher.group(2)));
        }
        if (blocks.isEmpty()) {
            throw new NatsSetupException(setting + " " + file + " is not a PEM file (no -----BEGIN block)");
        }
        return blocks;
    }

    private static Block decode(String setting, Path file, String type, String body) {
        StringBuilder base64 = new StringBuilder();
        boolean encrypted = false;
        for (String line : body.split("\\R")) {
            if (line.contains(":")) {
                encrypted |= line.startsWith("Proc-Type:") && line.contains("ENCRYPTED");
            } else {
                base64.append(line.strip());
            }
        }
        try {
            return new Block(type, Base64.getDecoder().decode(base64.toString()), encrypted);
        } catch (IllegalArgumentException e) {
            throw new NatsSetupException(setting + " " + file + ": the " + type + " block is not valid base64");
        }
    }
}
