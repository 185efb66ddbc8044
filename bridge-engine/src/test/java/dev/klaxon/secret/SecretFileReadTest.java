package dev.klaxon.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.testing.SpecialFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret file is read only when it is a regular file of at most 64 KB: before, a FIFO hung {@code run} and
 * {@code event send} for ever, {@code /dev/zero} ended in an OutOfMemoryError and a sparse 1 GB file took 19 s and
 * 3.3 GB before failing. The separate thread lets a test fail rather than hang when the read blocks.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SecretFileReadTest {
    private static final UnaryOperator<String> NO_ENVIRONMENT = Map.<String, String>of()::get;

    @TempDir
    Path dir;

    @Test
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = SpecialFiles.fifo(dir.resolve("key"));

        assertThatThrownBy(() -> SecretRef.file(fifo.toString()).resolve(NO_ENVIRONMENT))
                .isInstanceOf(SecretRef.SecretUnavailableException.class)
                .hasMessage("secret file " + fifo + " is a FIFO, not a regular file");
    }

    @Test
    void aSymlinkToAFifoIsRefusedForWhatItPointsTo() throws Exception {
        Path fifo = SpecialFiles.fifo(dir.resolve("pipe"));
        Path link = Files.createSymbolicLink(dir.resolve("key"), fifo);

        assertThatThrownBy(() -> SecretRef.file(link.toString()).resolve(NO_ENVIRONMENT))
                .hasMessage("secret file " + link + " is a FIFO, not a regular file");
    }

    @Test
    void aDeviceIsRefused() {
        Path zero = SpecialFiles.zeroDevice();

        assertThatThrownBy(() -> SecretRef.file(zero.toString()).resolve(NO_ENVIRONMENT))
                .hasMessage("secret file /dev/zero is a character device, not a regular file");
    }

    @Test
    void aSparseGigabyteIsRefusedBySizeWithoutReadingIt() throws Exception {
        Path huge = SpecialFiles.sparse(dir.resolve("key"), 1L << 30);

        long started = System.nanoTime();
        assertThatThrownBy(() -> SecretRef.file(huge.toString()).resolve(NO_ENVIRONMENT))
                .hasMessage("secret file " + huge + " is 1073741824 bytes, over the 65536-byte limit for a secret "
                        + "file");
        assertThat(System.nanoTime() - started).as("refused from its size, not after reading it")
                .isLessThan(2_000_000_000L);
    }

    @Test
    void aFileJustOverTheLimitIsRefusedAndOneAtTheLimitIsRead() throws Exception {
        Path over = Files.writeString(dir.resolve("over"), "k".repeat(RegularFiles.SECRET_LIMIT + 1));
        Path at = Files.writeString(dir.resolve("at"), "k".repeat(RegularFiles.SECRET_LIMIT));

        assertThatThrownBy(() -> SecretRef.file(over.toString()).resolve(NO_ENVIRONMENT))
                .hasMessageContaining("is 65537 bytes, over the 65536-byte limit for a secret file");
        assertThat(SecretRef.file(at.toString()).resolve(NO_ENVIRONMENT)).hasSize(RegularFiles.SECRET_LIMIT);
    }

    @Test
    void aSymlinkToARegularFileIsRead() throws Exception {
        Path real = Files.writeString(dir.resolve("real"), "R0UT1NGKEY\n");
        Path link = Files.createSymbolicLink(dir.resolve("key"), real);

        assertThat(SecretRef.file(link.toString()).resolve(NO_ENVIRONMENT)).isEqualTo("R0UT1NGKEY");
    }

    @Test
    void aRefusalNeverCarriesWhatTheFileHolds() throws Exception {
        Path secret = Files.writeString(dir.resolve("shadow"), "root:$6$s3cr3thash:19000:0:99999:7:::\n"
                + "x".repeat(RegularFiles.SECRET_LIMIT));
        Path link = Files.createSymbolicLink(dir.resolve("key"), secret);

        assertThatThrownBy(() -> SecretRef.file(link.toString()).resolve(NO_ENVIRONMENT))
                .hasMessageNotContaining("s3cr3thash").hasMessageNotContaining("root:");
    }
}
