package dev.klaxon.app.outlets;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.logging.Logger;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/**
 * A short synthesised tone on the default audio device, played on its own thread: rising three notes for a new
 * incident, two for a flood, about half a second at most. No audio file and no library: the JDK's sampled sound.
 * Without an audio device this says so once in the log and is silent from then on.
 */
final class AlertTone implements AlertOutlet {
    private static final Logger LOG = Logger.getLogger(AlertTone.class.getName());
    private static final float RATE = 44_100f;
    private static final AudioFormat FORMAT = new AudioFormat(RATE, 16, 1, true, false);

    private final byte[] incident = notes(new double[] {659.25, 880.0, 1174.66}, 0.13);
    private final byte[] flood = notes(new double[] {880.0, 659.25}, 0.14);
    private final ThreadPoolExecutor thread;
    private volatile boolean unavailable;
    private final CompletableFuture<String> whyUnavailable = new CompletableFuture<>();

    AlertTone() {
        // One tone playing and one waiting at most: a burst of alerts is one sound, not a queue of them.
        this.thread = OutletThread.bounded("klaxon-alert-tone", 1);
        // Asked at once, not at the first alert: the console shows the sound as unavailable before anyone relies
        // on it. On the tone's thread: the sound system reads its configuration from disk.
        thread.execute(this::probe);
    }

    private void probe() {
        try {
            AudioSystem.getSourceDataLine(FORMAT);
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            giveUp(e);
        }
    }

    @Override
    public CompletableFuture<String> unavailable() {
        return whyUnavailable;
    }

    @Override
    public void deliver(List<Alert> alerts) {
        if (unavailable || alerts.isEmpty()) {
            return;
        }
        boolean anyIncident = alerts.stream().anyMatch(a -> a.kind() == Alert.Kind.INCIDENT);
        byte[] pcm = anyIncident ? incident : flood;
        thread.execute(() -> play(pcm));
    }

    private void play(byte[] pcm) {
        try (SourceDataLine line = AudioSystem.getSourceDataLine(FORMAT)) {
            line.open(FORMAT);
            line.start();
            line.write(pcm, 0, pcm.length);
            line.drain();
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            giveUp(e);
        }
    }

    private void giveUp(Exception e) {
        if (unavailable) {
            return;
        }
        unavailable = true;
        LOG.info("No audio device for the alert sound (" + e.getClass().getSimpleName() + "): alerts stay silent");
        whyUnavailable.complete("no audio device on this machine");
    }

    /** 16-bit little-endian mono sine notes, each faded in and out so it does not click. */
    static byte[] notes(double[] hertz, double seconds) {
        int perNote = (int) (RATE * seconds);
        int fade = (int) (RATE * 0.012);
        byte[] pcm = new byte[hertz.length * perNote * 2];
        int at = 0;
        for (double f : hertz) {
            for (int i = 0; i < perNote; i++) {
                double envelope = Math.min(1.0, Math.min(i, perNote - 1 - i) / (double) fade);
                short sample = (short) (Math.sin(2 * Math.PI * f * i / RATE) * envelope * 0.35 * Short.MAX_VALUE);
                pcm[at++] = (byte) sample;
                pcm[at++] = (byte) (sample >> 8);
            }
        }
        return pcm;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
