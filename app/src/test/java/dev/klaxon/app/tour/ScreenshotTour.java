package dev.klaxon.app.tour;

import dev.klaxon.app.backend.engine.EngineBackend;
import dev.klaxon.app.outlets.AlertOutlets;
import dev.klaxon.app.prefs.Theme;
import dev.klaxon.app.ui.flood.FloodView;
import dev.klaxon.app.ui.live.LiveView;
import dev.klaxon.app.ui.shell.MainWindow;
import dev.klaxon.app.ui.shell.Themes;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.demo.SyntheticFeed;
import dev.klaxon.engine.Engine;
import dev.klaxon.engine.EngineOptions;
import dev.klaxon.incidents.DeskState;
import dev.klaxon.incidents.IncidentDesk;
import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.simulator.PagerDutySimulator;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * The README's screenshots, taken from the real console on a real screen (Xvfb, see docs/screenshot.sh): a local
 * nats-server with the demo's synthetic alert feed plus one flooding subject, the real engine forwarding production
 * pages to the loopback PagerDuty double (so incidents exist to show), and the main window stepped through its views.
 *
 * <p>It lives with the tests because the PagerDuty double is test code: the console itself never ships it.
 */
public final class ScreenshotTour {
    private static final String ROUTING_KEY = "0123456789abcdef0123456789abcdef";
    private static final double WIDTH = 1440;
    private static final double HEIGHT = 900;

    /** One picture: how to get the window there, then the file it goes to. */
    private record Shot(String file, Consumer<MainWindow> prepare) {
    }

    private static final List<Shot> SHOTS = List.of(
            new Shot("console-subjects.png", window -> window.show(LiveView.class)),
            new Shot("console-flood.png", window -> window.show(FloodView.class)),
            new Shot("console-incidents.png", window -> {
                window.show(LiveView.class);
                window.alerts().toasts().setVisible(false); // the first picture shows a toast; here it would cover
                                                             // the selected incident's details
                window.incidents().table().requestFocus();
                window.incidents().table().getSelectionModel().selectFirst();
            }));

    private ScreenshotTour() {
    }

    /**
     * @param args the output directory, the seconds the feed runs before the first picture, the theme, and optionally
     *             a directory for one picture of every view (to compare a change's screens side by side)
     */
    public static void main(String[] args) {
        try {
            tour(args);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1); // the FX thread would keep the JVM alive
        }
        Platform.exit();
    }

    private static void tour(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs");
        int warmUpSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        Theme theme = args.length > 2 && args[2].equals("light") ? Theme.LIGHT : Theme.DARK;
        Path everyView = args.length > 3 && !args[3].isBlank() ? Path.of(args[3]) : null;
        Files.createDirectories(out);
        Path storage = Files.createTempDirectory("klaxon-tour-");
        try (NatsServerProcess server = NatsServerProcess.start();
             PagerDutySimulator pagerDuty = PagerDutySimulator.start();
             Connection publisher = Nats.connect(server.url())) {
            KlaxonConfig config = new ConfigLoader().parse(configYaml(server.url(), pagerDuty, storage), null);
            Map<String, String> env = Map.of("PD_ROUTING_KEY_PROD", ROUTING_KEY, "PAGERDUTY_API_TOKEN",
                    PagerDutySimulator.API_TOKEN);
            try (Engine engine = Engine.create(config, Clock.systemUTC(),
                    EngineOptions.defaults().withEnvironment(env::get));
                 IncidentDesk desk = new IncidentDesk(config.pagerduty(), env::get, Clock.systemUTC(),
                         engine::recordAction, engine.operator())) {
                engine.start();
                desk.start();
                try (SyntheticFeed feed = SyntheticFeed.start(publisher, Clock.systemUTC(), 42L)) {
                    run(engine, desk, publisher, out, everyView, warmUpSeconds, theme);
                }
            }
        } finally {
            deleteTree(storage);
        }
    }

    private static void run(Engine engine, IncidentDesk desk, Connection publisher, Path out, Path everyView,
                            int warmUpSeconds, Theme theme) throws Exception {
        CompletableFuture<MainWindow> shown = new CompletableFuture<>();
        Platform.startup(() -> shown.complete(show(engine, desk, theme)));
        MainWindow window = shown.get(30, TimeUnit.SECONDS);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmUpSeconds);
        int sequence = 0;
        while (System.nanoTime() < end) {
            // One subject floods on top of the demo feed, so the flood state and its held count show.
            for (int i = 0; i < 40; i++) {
                publisher.publish("alerts.prod.checkout", ("{\"summary\":\"checkout p99 latency above 2 s\","
                        + "\"severity\":\"error\",\"source\":\"checkout-" + (sequence++ % 6) + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
            }
            Thread.sleep(100); // pacing the publisher, not waiting for a result
        }
        publisher.flush(Duration.ofSeconds(5));
        desk.refreshNow().get(30, TimeUnit.SECONDS);
        if (desk.snapshot().state() != DeskState.OK || desk.snapshot().incidents().isEmpty()) {
            throw new IllegalStateException("no incidents to show: " + desk.snapshot().state() + " "
                    + desk.snapshot().message());
        }
        for (Shot shot : SHOTS) {
            shoot(window, shot, out);
        }
        if (everyView != null) {
            Files.createDirectories(everyView);
            for (Shot shot : everyView(window)) {
                shoot(window, shot, everyView);
            }
        }
        onFx(() -> {
            window.stop();
            ((Stage) window.root().getScene().getWindow()).close();
            return null;
        });
    }

    private static void shoot(MainWindow window, Shot shot, Path directory) throws Exception {
        onFx(() -> shot.prepare().accept(window));
        Thread.sleep(1_500); // two polls and a few frames: the view shows current data
        Path file = directory.resolve(shot.file());
        ImageIO.write(onFx(() -> picture(window.root().getScene())), "png", file.toFile());
        System.out.println("tour: wrote " + file);
    }

    /** One picture of each view, in the switch's order, named like the view (live.png, audit.png, ...). */
    private static List<Shot> everyView(MainWindow window) throws Exception {
        return onFx(() -> window.views().stream()
                .map(view -> new Shot(view.info().id() + ".png", w -> w.show(view.getClass()))).toList());
    }

    private static MainWindow show(Engine engine, IncidentDesk desk, Theme theme) {
        Themes.apply(theme);
        MainWindow window = new MainWindow(EngineBackend.of(engine, desk, null),
                new MainWindow.Options("klaxon.yaml", "Waiting for alerts…", theme),
                new AlertOutlets(alerts -> { }, alerts -> { })); // no desktop notifications or tones from a tour
        Scene scene = new Scene(window.root(), WIDTH, HEIGHT);
        Themes.style(scene);
        window.installShortcuts(scene);
        Stage stage = new Stage();
        stage.setTitle("Klaxon");
        stage.setScene(scene);
        stage.show();
        window.start();
        return window;
    }

    private static BufferedImage picture(Scene scene) {
        WritableImage image = scene.snapshot(null);
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] pixels = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), pixels, 0, width);
        BufferedImage buffered = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        buffered.setRGB(0, 0, width, height, pixels, 0, width);
        return buffered;
    }

    private static void onFx(Runnable action) throws Exception {
        onFx(() -> {
            action.run();
            return null;
        });
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }

    private static String configYaml(String natsUrl, PagerDutySimulator pagerDuty, Path storage) {
        return """
                nats:
                  servers: ["%s"]
                  subjects: ["alerts.>", "metrics.>"]
                pagerduty:
                  events_url: "%s"
                  api_url: "%s"
                  api_token_env: PAGERDUTY_API_TOKEN
                  from_email: "oncall@example.com"
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_ROUTING_KEY_PROD
                    severity: critical
                    dedup_key: "{subject}/{source}"
                  - match: "alerts.staging.>"
                    action: page
                    shadow: true
                    severity: warning
                  - match: "metrics.>"
                    action: log
                guards:
                  dedup_window: 5m
                  flood: { per_subject: 30/1m, per_routing_key: 100/1m }
                """.formatted(natsUrl, pagerDuty.eventsUrl(), pagerDuty.apiUrl(),
                storage.toString().replace("\\", "/"));
    }

    private static void deleteTree(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
