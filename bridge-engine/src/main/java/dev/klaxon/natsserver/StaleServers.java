package dev.klaxon.natsserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Finds and stops {@code nats-server} children that outlived the process that started them. A JVM that dies without
 * running its shutdown hooks (killed, or a console whose X display went away) leaves its child running; each server
 * directory records its owner's pid, so the next start of any of ours stops a server whose owner is gone and
 * deletes its directory. Only servers started by us are touched: ones in a {@code klaxon-nats-*} directory with an
 * owner file, whose process is a {@code nats-server}.
 */
final class StaleServers {
    static final String OWNER_FILE = "owner.pid";
    static final String DIRECTORY_PREFIX = "klaxon-nats-";
    private static final Logger LOG = Logger.getLogger(StaleServers.class.getName());

    private StaleServers() {
    }

    /** Records this JVM as the owner of the server about to start in {@code directory}. */
    static void claim(Path directory) throws IOException {
        Files.writeString(directory.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()),
                StandardCharsets.UTF_8);
    }

    /** Stops every server under {@code tempDirectory} whose owner is no longer running. @return how many */
    static int sweep(Path tempDirectory) {
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tempDirectory, DIRECTORY_PREFIX + "*")) {
            for (Path dir : dirs) {
                if (ownerGone(dir)) {
                    stale.add(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0; // a temp directory we cannot list holds nothing we could stop either
        }
        int stopped = 0;
        for (Path dir : stale) {
            for (ProcessHandle server : servers(dir)) {
                LOG.warning("stopping nats-server (pid " + server.pid() + ") left running by a Klaxon that ended "
                        + "without stopping it; its directory was " + dir);
                server.destroyForcibly();
                stopped++;
            }
            deleteRecursively(dir);
        }
        return stopped;
    }

    private static boolean ownerGone(Path dir) {
        try {
            long owner = Long.parseLong(Files.readString(dir.resolve(OWNER_FILE), StandardCharsets.UTF_8).strip());
            return ProcessHandle.of(owner).map(handle -> !handle.isAlive()).orElse(true);
        } catch (IOException | NumberFormatException e) {
            return false; // no owner recorded (an older Klaxon, or starting right now): not ours to judge
        }
    }

    /** The live nats-server processes named by the ports files in {@code dir}. */
    private static List<ProcessHandle> servers(Path dir) {
        List<ProcessHandle> found = new ArrayList<>();
        try (DirectoryStream<Path> ports = Files.newDirectoryStream(dir, "*.ports")) {
            for (Path file : ports) {
                String name = file.getFileName().toString();
                String pid = name.substring(name.lastIndexOf('_') + 1, name.length() - ".ports".length());
                Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(pid));
                handle.filter(ProcessHandle::isAlive).filter(StaleServers::isNatsServer).ifPresent(found::add);
            }
        } catch (IOException | RuntimeException e) {
            // nothing more we can identify safely
        }
        return found;
    }

    private static boolean isNatsServer(ProcessHandle handle) {
        return handle.info().command().map(command -> Path.of(command).getFileName().toString()
                .startsWith("nats-server")).orElse(false);
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a leftover directory is harmless
        }
    }
}
