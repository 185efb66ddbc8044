package dev.klaxon.config;

import java.util.Optional;
import java.util.Set;

/** Reads the {@code storage:} section. The directory need not exist yet: storage creates it. */
final class StorageSectionReader {

    static final Set<String> KEYS = Set.of("dir");
    static final String DEFAULT_DIR = "~/.local/share/klaxon";

    private final FileReferences files;

    StorageSectionReader(FileReferences files) {
        this.files = files;
    }

    StorageConfig read(Optional<YamlMap> section) {
        Located<String> dir = section.flatMap(storage -> storage.string("dir"))
                .orElse(new Located<>(DEFAULT_DIR, "storage.dir", 0));
        return new StorageConfig(files.path(dir).orElse(null));
    }
}
