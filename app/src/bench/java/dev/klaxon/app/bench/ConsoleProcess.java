package dev.klaxon.app.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The real console as a child process, on an X display: the current one when {@code DISPLAY} is set, otherwise a
 * virtual one through {@code xvfb-run} (1440x900, as the README screenshot). Knows the console JVM's pid for jcmd.
 */
final class ConsoleProcess implements AutoCloseable {
    private final Process process;
    private final ProcessHandle console;

    private ConsoleProcess(Process process, ProcessHandle console) {
        this.process = process;
        this.console = console;
    }

    static ConsoleProcess start(Path jar, List<String> jvmOptions, List<String> consoleArgs, Path output)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>();
        String display = System.getenv("DISPLAY");
        boolean virtual = display == null || display.isBlank();
        if (virtual) {
            command.addAll(List.of("xvfb-run", "-a", "-s", "-screen 0 1440x900x24"));
        }
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-Dprism.verbose=true"); // says which rendering pipeline the console got
        // Its own home: every run starts from the default layout, and the operator's saved layout is left alone.
        command.add("-Duser.home=" + output.toAbsolutePath().getParent().resolve("home"));
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(consoleArgs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        return new ConsoleProcess(process, virtual ? findJava(process) : process.toHandle());
    }

    /** xvfb-run starts Xvfb and then the console: the console is the descendant that runs java. */
    private static ProcessHandle findJava(Process wrapper) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!wrapper.isAlive()) {
                throw new IllegalStateException("xvfb-run exited with " + wrapper.exitValue());
            }
            Optional<ProcessHandle> java = wrapper.descendants()
                    .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false)).findFirst();
            if (java.isPresent()) {
                return java.get();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the console JVM did not start under xvfb-run within 30 s");
    }

    long pid() {
        return console.pid();
    }

    boolean isAlive() {
        return console.isAlive();
    }

    /** Runs {@code jcmd PID command} and returns its output. */
    String jcmd(String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process run = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), command).redirectErrorStream(true)
                .start();
        byte[] out = run.getInputStream().readAllBytes();
        run.waitFor(60, TimeUnit.SECONDS);
        return new String(out, StandardCharsets.UTF_8);
    }

    /** SIGTERM, as closing the window would: the console stops its engine; killed if it has not gone in 20 s. */
    @Override
    public void close() throws InterruptedException {
        console.destroy();
        try {
            console.onExit().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            console.destroyForcibly();
        }
        process.waitFor(20, TimeUnit.SECONDS);
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
