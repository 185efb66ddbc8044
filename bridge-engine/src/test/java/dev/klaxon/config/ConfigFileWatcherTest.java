package dev.klaxon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rotated secret file is a change worth a reload; a neighbour file in the same directory is not. */
class ConfigFileWatcherTest {
    @TempDir
    Path dir;

    @Test
    void rotatingASignatureSecretFileCallsBackOnceAndOtherFilesDoNot() throws Exception {
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Path secret = Files.writeString(secrets.resolve("signing"), "first-secret-of-enough-length");
        Path configFile = Files.writeString(dir.resolve("klaxon.yaml"), """
                routes:
                  - match: "alerts.>"
                    action: log
                    require_signature: { secret_file: "%s" }
                """.formatted(secret));
        KlaxonConfig config = new ConfigLoader(dir).load(configFile);
        AtomicInteger changes = new AtomicInteger();

        try (ConfigFileWatcher watcher = ConfigFileWatcher.start(() -> config, changes::incrementAndGet,
                Duration.ofMillis(200))) {
            assertThat(watcher.files()).containsExactlyInAnyOrder(configFile.toAbsolutePath(), secret);

            Files.writeString(secrets.resolve("unrelated"), "x");
            Files.writeString(secret, "second-secret-of-enough-length");

            await().atMost(Duration.ofSeconds(30)).until(() -> changes.get() >= 1);
            Files.writeString(secrets.resolve("unrelated"), "y");
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> changes.get() == 1);
            Files.writeString(configFile, Files.readString(configFile) + "\n");
            await().atMost(Duration.ofSeconds(30)).until(() -> changes.get() >= 2);
            assertThat(changes).as("one call per settled change").hasValue(2);
        }
    }
}
