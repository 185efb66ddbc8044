package dev.klaxon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.klaxon.testing.SpecialFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config, or a file it names, that is a FIFO, a device or a huge file is refused with the key, the line and what
 * the file is. Before, {@code config check} called such a config valid, and then {@code run} hung on the FIFO or ran
 * out of memory on {@code /dev/zero}; {@code --config} a FIFO hung and {@code --config /dev/zero} took 34 s and
 * 5.5 GB to fail. The separate thread lets a test fail rather than hang when a read blocks.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SpecialFilesInConfigTest {

    @TempDir
    Path tempDir;

    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(tempDir);
    }

    private static String routeWithKeyFile(Path keyFile) {
        return """
                routes:
                  - match: "alerts.>"
                    action: page
                    routing_key_file: "%s"
                """.formatted(keyFile);
    }

    @Test
    void routingKeyFileThatIsAFifo() throws Exception {
        Path fifo = SpecialFiles.fifo(fixture.configDir.resolve("pd-key"));

        assertThat(fixture.errors(routeWithKeyFile(fifo)))
                .containsExactly("routes[0].routing_key_file: is a FIFO, not a regular file: " + fifo + " (line 4)");
    }

    @Test
    void routingKeyFileThatIsADevice() {
        Path zero = SpecialFiles.zeroDevice();

        assertThat(fixture.errors(routeWithKeyFile(zero)))
                .containsExactly("routes[0].routing_key_file: is a character device, not a regular file: /dev/zero "
                        + "(line 4)");
    }

    @Test
    void routingKeyFileOfAGigabyte() throws Exception {
        Path huge = SpecialFiles.sparse(fixture.configDir.resolve("pd-key"), 1L << 30);

        assertThat(fixture.errors(routeWithKeyFile(huge)))
                .containsExactly("routes[0].routing_key_file: is 1073741824 bytes, over the 65536-byte limit for a "
                        + "secret file: " + huge + " (line 4)");
    }

    @Test
    void signatureSecretFileThatIsASymlinkToAFifo() throws Exception {
        Path fifo = SpecialFiles.fifo(tempDir.resolve("pipe"));
        Path link = Files.createSymbolicLink(fixture.configDir.resolve("hmac"), fifo);

        assertThat(fixture.errors("""
                routes:
                  - match: "alerts.>"
                    action: drop
                    require_signature:
                      secret_file: hmac
                """)).containsExactly("routes[0].require_signature.secret_file: is a FIFO, not a regular file: "
                + link + " (line 5)");
    }

    @Test
    void tlsCaFileThatIsADevice() {
        SpecialFiles.zeroDevice();

        assertThat(fixture.errors("""
                nats:
                  tls:
                    ca_file: /dev/zero
                """)).containsExactly("nats.tls.ca_file: is a character device, not a regular file: /dev/zero "
                + "(line 3)");
    }

    @Test
    void aSymlinkToARegularSecretFileIsFine() throws Exception {
        Path real = Files.writeString(tempDir.resolve("real-key"), "0123456789abcdef0123456789abcdef");
        Path link = Files.createSymbolicLink(fixture.configDir.resolve("pd-key"), real);

        assertThat(fixture.parse(routeWithKeyFile(link)).routes()).hasSize(1);
    }

    @Test
    void configThatIsAFifo() throws Exception {
        Path fifo = SpecialFiles.fifo(fixture.configDir.resolve("klaxon.yaml"));

        assertThat(refusal(fifo)).isEqualTo(fifo + ":\n  the file is a FIFO, not a regular file");
    }

    @Test
    void configThatIsADevice() {
        Path zero = SpecialFiles.zeroDevice();

        assertThat(refusal(zero)).isEqualTo("/dev/zero:\n  the file is a character device, not a regular file");
    }

    @Test
    void configOfAGigabyteIsRefusedFromItsSize() throws Exception {
        Path huge = SpecialFiles.sparse(fixture.configDir.resolve("klaxon.yaml"), 1L << 30);

        long started = System.nanoTime();
        assertThat(refusal(huge)).isEqualTo(huge + ":\n  the file is larger than 1 MB (1073741824 bytes); a Klaxon "
                + "config is a few KB");
        assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
    }

    @Test
    void aSymlinkedConfigIsReadThroughItsLink() throws Exception {
        Path real = Files.writeString(tempDir.resolve("real.yaml"), "routes: []\n");
        Path link = Files.createSymbolicLink(fixture.configDir.resolve("klaxon.yaml"), real);

        assertThat(fixture.loader.load(link).routes()).isEmpty();
    }

    private String refusal(Path config) {
        ConfigException refused = catchThrowableOfType(ConfigException.class, () -> fixture.loader.load(config));
        assertThat(refused).as("%s should have been refused", config).isNotNull();
        return refused.getMessage();
    }
}
