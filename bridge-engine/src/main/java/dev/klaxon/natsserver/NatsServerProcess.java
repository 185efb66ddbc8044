package dev.klaxon.natsserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A local {@code nats-server} child process for the demo mode, the tests and the benchmarks.
 *
 * <p>It listens on 127.0.0.1 only, keeps everything it writes (store, log) in its own temporary directory, and does
 * not outlive the JVM for long: {@link #close()} stops it and deletes the directory, a shutdown hook (removed by
 * close) kills it if the JVM exits first, and a JVM that died without its hooks leaves an owner file by which the
 * next start stops it ({@link StaleServers}). Thread-safe.
 */
public final class NatsServerProcess implements AutoCloseable {

    /** How long a server may take to greet clients; generous because test machines are shared and small. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
    private static final int PORT_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 20;

    private final Path binary;
    private final Path directory;
    private final Path logFile;
    private final List<String> extraArgs;
    private final int port;
    private final Thread killOnExit;
    private volatile Process process;
    private boolean closed;

    private NatsServerProcess(Path binary, Path directory, int port, List<String> extraArgs) {
        this.binary = binary;
        this.directory = directory;
        this.logFile = directory.resolve("nats-server.log");
        this.port = port;
        this.extraArgs = List.copyOf(extraArgs);
        this.killOnExit = new Thread(this::kill, "nats-server-" + port + "-shutdown");
    }

    /** Starts a server on a free loopback port. */
    public static NatsServerProcess start() throws IOException {
        return start(List.of());
    }

    /**
     * Starts a server on a free loopback port with extra arguments such as {@code --auth TOKEN} or TLS options.
     * A port taken by someone else between our choosing it and the server binding it is retried with another.
     */
    public static NatsServerProcess start(List<String> extraArgs) throws IOException {
        NatsServerStartException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            try {
                return startOnPort(freePort(), extraArgs);
            } catch (NatsServerStartException e) {
                if (!e.portConflict()) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    /** Starts a server on the given loopback port. */
    public static NatsServerProcess startOnPort(int port, List<String> extraArgs) throws IOException {
        Path binary = NatsServerBinary.find();
        Path directory = Files.createTempDirectory(StaleServers.DIRECTORY_PREFIX);
        StaleServers.sweep(directory.getParent());
        NatsServerProcess server = new NatsServerProcess(binary, directory, port, extraArgs);
        try {
            StaleServers.claim(directory);
            Runtime.getRuntime().addShutdownHook(server.killOnExit);
            server.launch();
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The client URL, e.g. {@code nats://127.0.0.1:34567}. */
    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The temporary directory holding the store and the log; deleted by {@link #close()}. */
    public Path directory() {
        return directory;
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the server (gracefully, then forcibly) and waits for it to exit. Keeps the directory; idempotent. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Process running = process;
        process = null;
        running.destroy();
        if (!waitFor(running, STOP_TIMEOUT)) {
            running.destroyForcibly();
            waitFor(running, STOP_TIMEOUT);
        }
    }

    /** Kills the server at once (SIGKILL), as a crash would; keeps the directory. Idempotent. */
    public synchronized void killHard() {
        if (process == null) {
            return;
        }
        Process running = process;
        process = null;
        running.destroyForcibly();
        waitFor(running, STOP_TIMEOUT);
    }

    /** The server's process id; -1 when it is not running. */
    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Stops the server if running and starts it again on the same port with the same arguments and store. */
    public synchronized void restart() throws IOException {
        if (closed) {
            throw new IllegalStateException("nats-server on port " + port + " is closed");
        }
        stop();
        launch();
    }

    /** The last lines the server wrote, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the server and deletes its directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to; it only kills what stop() already stopped
        }
        deleteRecursively(directory);
    }

    @Override
    public String toString() {
        return "nats-server " + url();
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(extraArgs);
        // last, so that they win over anything in the extra arguments: loopback only, our port, our directory
        command.addAll(List.of("--addr", "127.0.0.1", "--port", Integer.toString(port),
                "--store_dir", directory.resolve("store").toString(), "--ports_file_dir", directory.toString()));
        Process started = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        try {
            awaitReady(started);
        } catch (IOException | RuntimeException e) {
            started.destroyForcibly();
            waitFor(started, STOP_TIMEOUT);
            throw e;
        }
        process = started;
    }

    /**
     * Ready means: this very process is listening (it writes its ports file once bound; a greeting alone could come
     * from another server that holds the port) and it greets clients with INFO.
     */
    private void awaitReady(Process started) throws NatsServerStartException {
        Path portsFile = directory.resolve(binary.getFileName() + "_" + started.pid() + ".ports");
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!started.isAlive()) {
                throw failure("exited with code " + started.exitValue());
            }
            if (Files.exists(portsFile) && InfoProbe.answers(port, PROBE_TIMEOUT)) {
                return;
            }
            // waiting on the process doubles as a pause that ends early if the server dies
            if (waitFor(started, Duration.ofMillis(50))) {
                throw failure("exited with code " + started.exitValue());
            }
        }
        throw failure("did not answer within " + STARTUP_TIMEOUT.toSeconds() + " s");
    }

    private NatsServerStartException failure(String what) {
        String tail = logTail(LOG_TAIL_LINES);
        return new NatsServerStartException("nats-server on 127.0.0.1:" + port + " " + what + "; last log lines:"
                + System.lineSeparator() + tail, tail.contains("address already in use"));
    }

    /** Runs in the shutdown hook: no waiting, no locks, just make sure nothing is left behind. */
    private void kill() {
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp directory is harmless; failing close() over it would not be
        }
    }
}
