package dev.klaxon.natsserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NatsServerBinaryTest {

    @TempDir
    Path dir;

    @Test
    void prefersAnExecutableOnThePath() throws Exception {
        Path onPath = executable(dir.resolve("bin"));
        Path fallback = executable(dir.resolve("sbin"));

        Path found = NatsServerBinary.find(Map.of("PATH", "/nonexistent" + File.pathSeparator + onPath.getParent())::get,
                List.of(fallback));

        assertThat(found).isEqualTo(onPath);
    }

    @Test
    void fallsBackToWellKnownLocationsWhenThePathHasNone() throws Exception {
        Path fallback = executable(dir.resolve("sbin"));

        assertThat(NatsServerBinary.find(Map.of("PATH", dir.toString())::get, List.of(fallback))).isEqualTo(fallback);
        assertThat(NatsServerBinary.find(name -> null, List.of(fallback))).isEqualTo(fallback);
    }

    @Test
    void ignoresFilesThatAreNotExecutable() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("bin")).resolve("nats-server");
        Files.writeString(plain, "not a program");

        assertThatThrownBy(() -> NatsServerBinary.find(Map.of("PATH", plain.getParent().toString())::get, List.of()))
                .isInstanceOf(NatsServerNotFoundException.class);
    }

    @Test
    void missingBinaryExplainsHowToInstallInOneLine() {
        assertThatThrownBy(() -> NatsServerBinary.find(Map.of("PATH", dir.toString())::get,
                List.of(dir.resolve("nowhere/nats-server"))))
                .isInstanceOf(NatsServerNotFoundException.class)
                .hasMessage("nats-server not found: install it with \"sudo apt-get install nats-server\"")
                .message().doesNotContain("\n");
    }

    private static Path executable(Path directory) throws Exception {
        Path file = Files.createDirectories(directory).resolve("nats-server");
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
