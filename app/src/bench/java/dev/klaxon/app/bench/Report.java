package dev.klaxon.app.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * What one console flood run measured, as Markdown for BENCHMARKS.md. All FX figures come from the console's own
 * perf log, one line per second; "during the flood" leaves out its first second (publishing ramps up), and "every
 * window" does not: it runs from the second the flood began in to the drain, as the target counts.
 *
 * @param before    the last perf line before the flood
 * @param drained   the perf line when the console had processed everything (or stopped making progress)
 * @param afterGc   the last perf line a few seconds after a full GC requested with jcmd
 * @param liveBytes the live heap after the flood, from the total of a class histogram (which runs a full GC)
 */
record Report(PacedPublisher.Result published, PerfLine before, PerfLine drained, PerfLine afterGc,
              long heapAfterGcKb, long liveBytes, String heapInfo, String histogram, List<PerfLine> idle, List<PerfLine> flood,
              List<PerfLine> everyWindow, Duration drainTime) {

    private static final double TARGET_LAG_MS = 33;
    private static final double TARGET_HEAP_MB = 512;

    String markdown(FloodOptions options, Instant started, String loadBefore, String loadAfter, String pipeline) {
        long processed = drained.processed() - before.processed();
        long lost = drained.lost() - before.lost();
        long probes = flood.stream().mapToLong(PerfLine::probes).sum();
        long slow = flood.stream().mapToLong(PerfLine::slowProbes).sum();
        double slowShare = probes == 0 ? 0 : 100.0 * slow / probes;
        double heapAfterMb = heapAfterGcKb / 1024.0;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "#### Run of %s%n%n", ConsoleFloodBench.utc(started)));
        out.append(String.format(Locale.ROOT, "Flood asked for: %,d msg/s over %,d subjects for %d s "
                        + "(`-Dbench.args=\"--rate %d --subjects %d --seconds %d%s\"`).%n%n", options.rate(),
                options.subjects(), options.seconds(), options.rate(), options.subjects(), options.seconds(),
                options.consoleJvm().isEmpty() ? "" : " --console-jvm " + String.join(" --console-jvm ",
                        options.consoleJvm())));
        out.append("| Measure | Value |\n|---|---|\n");
        row(out, "Machine", String.format(Locale.ROOT, "%d cores (JVM view), load average 1/5/15 min at start %s, "
                + "at end %s", Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter));
        row(out, "Console JVM options", options.consoleJvm().isEmpty() ? "none (JVM defaults)"
                : "`" + String.join(" ", options.consoleJvm()) + "`");
        row(out, "JavaFX pipeline", pipeline);
        row(out, "Published", String.format(Locale.ROOT, "%,d messages in %.1f s = **%,.0f msg/s achieved**",
                published.published(), published.seconds(), published.rate()));
        row(out, "Engine processed (flood + drain)", String.format(Locale.ROOT,
                "%,d of %,d (%.1f%%), lost %,d; drained %.1f s after publishing stopped", processed,
                published.published(), 100.0 * processed / Math.max(1, published.published()), lost,
                drainTime.toMillis() / 1000.0));
        row(out, "Engine decisions per second during the flood (median / max)", String.format(Locale.ROOT,
                "%,.0f / %,.0f", median(flood, PerfLine::processedPerSecond), max(flood, PerfLine::processedPerSecond)));
        row(out, "FX lag p99, per second: median / worst second", String.format(Locale.ROOT, "%.1f ms / %.1f ms",
                median(flood, PerfLine::lagP99), max(flood, PerfLine::lagP99)));
        row(out, "FX lag probes over 33 ms", String.format(Locale.ROOT,
                "%,d of %,d (%.2f%%): lag p99 over the whole flood is **%s 33 ms** (target < 33 ms: %s)", slow,
                probes, slowShare, slowShare < 1 ? "under" : "over", slowShare < 1 ? "met" : "NOT met"));
        row(out, "Every window from the flood's first second to the drain", everyWindowSummary());
        row(out, "FX lag max (peak)", String.format(Locale.ROOT, "%.1f ms", max(flood, PerfLine::lagMax)));
        row(out, "Frames per second: median / min", String.format(Locale.ROOT, "%.1f / %.1f",
                median(flood, PerfLine::fps), min(flood, PerfLine::fps)));
        row(out, "Heap used during the flood: median / peak (includes garbage)", String.format(Locale.ROOT,
                "%.0f MB / %.0f MB", median(flood, PerfLine::heapMb), max(flood, PerfLine::heapMb)));
        double liveMb = liveBytes / (1024.0 * 1024.0);
        row(out, "Live heap after the flood (`jcmd GC.class_histogram`, which runs a full GC)",
                String.format(Locale.ROOT, "**%.0f MB** (target < %.0f MB: %s)", liveMb, TARGET_HEAP_MB,
                        liveBytes > 0 && liveMb < TARGET_HEAP_MB ? "met" : "NOT met"));
        row(out, "Heap used a few seconds after `jcmd GC.run`", String.format(Locale.ROOT,
                "%.0f MB (GC.heap_info), %.0f MB (perf log); includes what was allocated since", heapAfterMb,
                afterGc.heapMb()));
        row(out, "Quiet baseline before the flood: lag p99 median, fps median, heap", String.format(Locale.ROOT,
                "%.1f ms, %.1f fps, %.0f MB", median(idle, PerfLine::lagP99), median(idle, PerfLine::fps),
                median(idle, PerfLine::heapMb)));
        row(out, "Seconds measured (flood / baseline)", flood.size() + " / " + idle.size());
        out.append(String.format(Locale.ROOT, "%n`jcmd GC.heap_info` after the flood:%n%n```%n%s%n```%n",
                heapInfo));
        out.append(String.format(Locale.ROOT, "%nLargest live classes after the flood (`jcmd GC.class_histogram`):%n%n"
                + "```%n%s%n```%n", histogram));
        return out.toString();
    }

    /** The target's own reading: p99 under 33 ms in every one-second window, the one the flood began in too. */
    private String everyWindowSummary() {
        long over = everyWindow.stream().filter(l -> l.lagP99() >= TARGET_LAG_MS).count();
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < Math.min(3, everyWindow.size()); i++) {
            first.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", everyWindow.get(i).lagP99()));
        }
        return String.format(Locale.ROOT, "%d windows, %d with lag p99 of 33 ms or more (target: none, %s); worst "
                        + "%.1f ms; the first three %s ms", everyWindow.size(), over, over == 0 ? "met" : "NOT met",
                max(everyWindow, PerfLine::lagP99), first);
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("| ").append(name).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
    }

    private static double median(List<PerfLine> lines, ToDoubleFunction<PerfLine> value) {
        double[] sorted = lines.stream().mapToDouble(value).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double max(List<PerfLine> lines, ToDoubleFunction<PerfLine> value) {
        return lines.stream().mapToDouble(value).max().orElse(Double.NaN);
    }

    private static double min(List<PerfLine> lines, ToDoubleFunction<PerfLine> value) {
        return lines.stream().mapToDouble(value).min().orElse(Double.NaN);
    }
}
