package dev.klaxon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret file or storage directory others can read is warned about, as ssh does, with its mode and the chmod
 * that fixes it. Tests run as root here, so what is checked is the mode and the words, not who can read.
 */
class ConfigWarningsTest {

    @TempDir
    Path tempDir;

    ConfigFixture fixture;
    Path key;
    Path storage;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new ConfigFixture(tempDir);
        key = fixture.writeInConfigDir("pd-key", "0123456789abcdef0123456789abcdef");
        storage = Files.createDirectories(tempDir.resolve("data"));
        mode(storage, "rwx------");
    }

    private KlaxonConfig config() throws ConfigException {
        return fixture.parse("""
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.a.>"
                    action: page
                    routing_key_file: pd-key
                  - match: "alerts.b.>"
                    action: page
                    routing_key_file: pd-key
                """.formatted(storage));
    }

    private static void mode(Path path, String permissions) throws Exception {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }

    @Test
    void aWorldReadableSecretFileIsNamedOnceWithItsModeAndTheFix() throws Exception {
        mode(key, "rw-r--r--");

        assertThat(ConfigWarnings.of(config())).containsExactly("secret file " + key + " is readable by group and "
                + "others (mode 0644): only you should be able to read it; run: chmod 600 " + key);
    }

    @Test
    void aGroupReadableSecretFileIsWarnedAbout() throws Exception {
        mode(key, "rw-r-----");

        assertThat(ConfigWarnings.of(config())).singleElement().asString()
                .contains("is readable by its group (mode 0640)");
    }

    @Test
    void anOwnerOnlySecretFileAndStorageDirectoryGiveNoWarning() throws Exception {
        mode(key, "rw-------");

        assertThat(ConfigWarnings.of(config())).isEmpty();
    }

    @Test
    void theModeThatCountsIsTheSymlinkTarget() throws Exception {
        Path real = Files.writeString(tempDir.resolve("real-key"), "0123456789abcdef0123456789abcdef");
        mode(real, "rw-r--r--");
        Files.delete(key);
        Files.createSymbolicLink(key, real);

        assertThat(ConfigWarnings.of(config())).singleElement().asString().contains("(mode 0644)");
    }

    @Test
    void aStorageDirectoryOthersCanReadIsWarnedAbout() throws Exception {
        mode(key, "rw-------");
        mode(storage, "rwxr-xr-x");

        assertThat(ConfigWarnings.of(config())).containsExactly("storage directory " + storage + " is readable by "
                + "group and others (mode 0755): it holds alert bodies and the audit; run: chmod 700 " + storage);
    }
}
