package dev.klaxon.app;

import dev.klaxon.app.backend.engine.EngineBackend;
import dev.klaxon.app.perf.ConsolePerf;
import dev.klaxon.app.perf.EngineCounts;
import dev.klaxon.app.perf.FirstFrame;
import dev.klaxon.app.prefs.ConsolePrefs;
import dev.klaxon.app.prefs.PrefsStore;
import dev.klaxon.app.prefs.Theme;
import dev.klaxon.app.ui.settings.SettingsView;
import dev.klaxon.app.ui.shell.ConfigErrorView;
import dev.klaxon.app.ui.shell.LayoutMemory;
import dev.klaxon.app.ui.shell.MainWindow;
import dev.klaxon.app.ui.shell.StartupView;
import dev.klaxon.app.ui.shell.Themes;
import dev.klaxon.config.ConfigException;
import dev.klaxon.config.ConfigWarnings;
import dev.klaxon.config.KlaxonDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * One run of the console: shows a starting screen at once, opens the {@link Session} on a background thread, then
 * swaps in the main view, the config error view or a fatal-error dialog. The exit code is handed back through a
 * future, so nothing here is static and the launcher decides when the JVM ends.
 */
final class ConsoleApp {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_CONFIG = 2;
    private static final double WIDTH = 1400;
    private static final double HEIGHT = 860;
    /** Layout changes come in bursts (a drag, a resize); the file is written once they settle. */
    private static final Duration PREFS_QUIET = Duration.ofSeconds(1);
    /**
     * Hidden, for start-up measurements (BENCHMARKS.md, "Start-up"): with {@code -Dklaxon.quitAfterFirstFrame=true}
     * the console quits as soon as its main view has drawn its first frame, so a loop can start it again.
     */
    static final String QUIT_AFTER_FIRST_FRAME = "klaxon.quitAfterFirstFrame";

    private final LaunchOptions options;
    private final Path home;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final AtomicReference<Session> session = new AtomicReference<>();
    private final PrefsStore prefs;
    private final ConsolePrefs saved;
    private final Theme theme;
    private volatile String prefsProblem;
    private Stage stage;
    private MainWindow window;
    private EngineBackend backend;
    private LayoutMemory layout;
    private ConsolePerf perf;

    /** Reads the saved layout (a small file), so call it before JavaFX starts, not on the FX thread. */
    ConsoleApp(LaunchOptions options, Path home) {
        this.options = options;
        this.home = home;
        this.prefs = new PrefsStore(KlaxonDirs.of(home, System::getenv).config().resolve(PrefsStore.FILE_NAME),
                PREFS_QUIET, line -> {
            prefsProblem = line;
            System.err.println("klaxon: " + line);
        });
        this.saved = prefs.load();
        this.theme = options.theme() != null ? options.theme() : saved.themeOr(Theme.DARK);
    }

    /** Starts JavaFX, runs the console and returns the process exit code once it is over. */
    static int run(LaunchOptions options) {
        ConsoleApp app = new ConsoleApp(options, Path.of(System.getProperty("user.home")));
        // Killed by a signal (the screenshot script does that): still stop the engine and the demo's nats-server.
        Runtime.getRuntime().addShutdownHook(new Thread(app::closeSession, "klaxon-console-shutdown"));
        Platform.setImplicitExit(false);
        Platform.startup(app::start);
        int code = app.exit.join();
        Platform.exit();
        return code;
    }

    private void start() {
        Themes.apply(theme);
        stage = new Stage();
        stage.setTitle("Klaxon — starting");
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(new StartupView(options.demo()
                ? "Starting a local nats-server and the demo alert publisher…"
                : "Loading the configuration…", true).node(),
                Math.min(WIDTH, screen.getWidth() - 20), Math.min(HEIGHT, screen.getHeight() - 20));
        Themes.style(scene);
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        LayoutMemory.placeStage(stage, saved);
        stage.setOnCloseRequest(event -> quit(EXIT_OK));
        stage.show();
        FirstFrame.report("startup window");

        Thread opener = new Thread(this::openSession, "klaxon-startup");
        opener.setDaemon(true);
        opener.start();
    }

    private void openSession() {
        try {
            Session opened = Session.open(options, home, System::getenv, written -> System.err.println(
                    "klaxon: wrote a default config to " + written + " — edit nats.servers and routes, then restart"));
            session.set(opened);
            if (exit.isDone()) {
                closeSession(); // the window was closed while we were starting
                return;
            }
            Platform.runLater(() -> showMain(opened));
        } catch (ConfigException e) {
            System.err.println("klaxon: config errors in " + e.getMessage());
            Platform.runLater(() -> showConfigErrors(e));
        } catch (Exception e) {
            // One line, no stack trace: the message of our own exceptions says what to do (e.g. how to install).
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            System.err.println("klaxon: " + message);
            Platform.runLater(() -> showFatal(message));
        }
    }

    /** The demo's PagerDuty is simulated: the incidents panel and the status bar say so. */
    static void markDemo(MainWindow window, Session demo) {
        window.incidents().simulated(demo.demo().pagerDuty().baseUrl().toString());
        window.statusBar().simulatedPagerDuty();
    }

    private void showMain(Session opened) {
        String servers = String.join(", ", opened.config().nats().servers());
        String subjects = String.join(", ", opened.config().nats().subjects());
        backend = EngineBackend.of(opened.engine(), opened.incidents(), Browser.hostServices(),
                opened.reader() == null ? null : opened::reload);
        window = new MainWindow(backend, new MainWindow.Options(
                opened.label(),
                "Waiting for the first message on " + subjects + " from " + servers + " …",
                theme));
        if (options.demo()) {
            markDemo(window, opened);
            window.view(SettingsView.class).readOnly("Demo mode: these settings belong to the demo's own temporary config and "
                    + "cannot be changed here. Start Klaxon with your config to edit and save them; the Test buttons "
                    + "work either way.");
        }
        stage.getScene().setRoot(window.root());
        window.installShortcuts(stage.getScene());
        layout = new LayoutMemory(window.layoutParts(), prefs::save);
        layout.restore(saved);
        layout.watch(stage);
        if (prefsProblem != null) {
            window.showInfo("Default layout", prefsProblem);
        }
        stage.setTitle("Klaxon — " + opened.label());
        if (opened.writtenConfig() != null) {
            window.showInfo("First run: wrote a default config",
                    "Klaxon created " + opened.writtenConfig() + " with every key commented. Edit nats.servers "
                            + "and routes for your alerts, then restart Klaxon.");
        }
        // As run logs them and config check prints them: secret files or a storage directory others can read.
        ConfigWarnings.of(opened.config()).forEach(warning -> window.showWarning("File permissions", warning));
        window.start();
        FirstFrame.report("console", Boolean.getBoolean(QUIT_AFTER_FIRST_FRAME) ? () -> quit(EXIT_OK) : () -> { });
        perf = ConsolePerf.start(() -> EngineCounts.of(opened.engine().summary()), window.statusBar()::showPerf,
                options.perfLog(), problem -> {
                    System.err.println("klaxon: " + problem);
                    Platform.runLater(() -> window.showInfo("Perf log stopped", problem));
                });
    }

    private void showConfigErrors(ConfigException e) {
        ConfigErrorView view = new ConfigErrorView(e, () -> quit(EXIT_CONFIG));
        stage.getScene().setRoot(view.node());
        stage.setTitle("Klaxon — config errors");
        stage.setOnCloseRequest(event -> quit(EXIT_CONFIG));
        // A message, not a console: a smaller window, with Quit ready for Enter.
        stage.setWidth(Math.min(stage.getWidth(), 980));
        stage.setHeight(Math.min(stage.getHeight(), 560));
        stage.centerOnScreen();
        view.focusQuit();
    }

    private void showFatal(String message) {
        stage.setTitle("Klaxon — cannot start");
        stage.getScene().setRoot(new StartupView("Klaxon cannot start: " + message, false).node());
        Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.CLOSE);
        alert.initOwner(stage);
        alert.setTitle("Klaxon cannot start");
        alert.setHeaderText("Klaxon cannot start");
        alert.showAndWait();
        quit(EXIT_FAILURE);
    }

    /** Hides the window at once and finishes the shutdown in the background, so closing never hangs the UI. */
    private void quit(int code) {
        if (window != null) {
            window.stop();
        }
        if (backend != null) {
            backend.close();
        }
        if (layout != null) {
            prefs.save(layout.capture()); // read on the FX thread, written by the stopper below
        }
        stage.hide();
        Thread stopper = new Thread(() -> {
            prefs.close();
            if (perf != null) {
                perf.close(); // waits for the perf log's last lines: not on the FX thread
            }
            closeSession();
            exit.complete(code);
        }, "klaxon-stop");
        stopper.start();
    }

    private void closeSession() {
        Session opened = session.getAndSet(null);
        if (opened != null) {
            try {
                opened.close();
            } catch (RuntimeException e) {
                System.err.println("klaxon: while stopping: " + e.getMessage());
            }
        }
    }
}
