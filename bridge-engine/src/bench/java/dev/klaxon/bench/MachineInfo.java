package dev.klaxon.bench;

import dev.klaxon.natsserver.NatsServerBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the figures were measured on; benchmark numbers mean little without it. */
record MachineInfo(int cores, String cpuModel, String memory, String os, String java, String natsServer,
                   String loadAverage) {

    static MachineInfo collect() {
        return new MachineInfo(
                Runtime.getRuntime().availableProcessors(),
                firstValue(Path.of("/proc/cpuinfo"), "model name"),
                firstValue(Path.of("/proc/meminfo"), "MemTotal"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                javaVersion(),
                natsServerVersion(),
                currentLoadAverage());
    }

    /** 1/5/15-minute load averages: a busy machine during the run shows here. */
    static String currentLoadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    String markdown() {
        return String.join(System.lineSeparator(),
                "| Machine | |",
                "|---|---|",
                "| CPU | " + cpuModel + " |",
                "| Cores (JVM) | " + cores + " |",
                "| Memory | " + memory + " |",
                "| OS | " + os + " |",
                "| Java | " + java + " |",
                "| nats-server | " + natsServer + " |",
                "| Load average at start (1/5/15 min) | " + loadAverage + " |");
    }

    private static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux, or /proc hidden: say so in the table
        }
        return "unknown";
    }

    /** The first two lines of {@code java -version} of the JVM running this, e.g. "openjdk version ... / Runtime". */
    private static String javaVersion() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> lines = run(List.of(java.toString(), "-version"));
        return lines.isEmpty() ? System.getProperty("java.runtime.version") : String.join("; ", lines.subList(0,
                Math.min(2, lines.size())));
    }

    private static String natsServerVersion() {
        try {
            List<String> lines = run(List.of(NatsServerBinary.find().toString(), "--version"));
            return lines.isEmpty() ? "unknown" : lines.get(0);
        } catch (IOException e) {
            return "not found";
        }
    }

    private static List<String> run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            process.waitFor(10, TimeUnit.SECONDS);
            return new String(out, StandardCharsets.UTF_8).lines().map(String::trim).filter(s -> !s.isEmpty())
                    .toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
