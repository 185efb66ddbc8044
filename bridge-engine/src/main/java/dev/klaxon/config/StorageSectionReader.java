package dev.klaxon.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code storage:} section. The directory need not exist yet: storage creates it. */
final class StorageSectionReader {

    static final Set<String> KEYS = Set.of("dir", "audit_retention", "audit_chain_key_file");
    static final String DEFAULT_DIR = "~/.local/share/klaxon";

    private final FileReferences files;

    StorageSectionReader(FileReferences files) {
        this.files = files;
    }

    StorageConfig read(Optional<YamlMap> section) {
        Located<String> dir = section.flatMap(storage -> storage.string("dir"))
                .orElse(new Located<>(DEFAULT_DIR, "storage.dir", 0));
        Duration retention = section.flatMap(storage -> storage.parsed("audit_retention", DurationText.EXPECTED,
                        StorageSectionReader::atLeastADay))
                .map(Located::value).orElse(StorageConfig.DEFAULT_AUDIT_RETENTION);
        // Checked here like every secret file (regular, readable, at most 64 KB), so a bad one names its key and line.
        Path chainKey = section.flatMap(storage -> storage.string("audit_chain_key_file"))
                .flatMap(files::secretFile).orElse(null);
        return new StorageConfig(files.path(dir).orElse(null), retention, chainKey);
    }

    private static Duration atLeastADay(String text) {
        Duration duration = DurationText.parse(text);
        if (duration.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("must be at least 1d, got \"" + text + "\"");
        }
        return duration;
    }
}
