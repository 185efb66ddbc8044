package dev.klaxon.app.testing;

import static dev.klaxon.app.testing.FxQuery.fx;

import dev.klaxon.app.backend.ConsoleBackend;
import dev.klaxon.app.outlets.AlertOutlets;
import dev.klaxon.app.prefs.Theme;
import dev.klaxon.app.ui.shell.MainWindow;
import dev.klaxon.app.ui.shell.Themes;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The main window on a test stage, as the console shows it: dark theme, shortcuts installed, frames running. */
public final class ShownWindow {
    private ShownWindow() {
    }

    /** Over the fake engine alone, with an incident desk that has no PagerDuty token, as in demo mode. */
    public static MainWindow show(Stage stage, FakeEngine engine, String placeholder) {
        return show(stage, new FakeBackend(engine), placeholder);
    }

    /** With quiet alert outlets: a test run never pops up desktop notifications or beeps. */
    public static MainWindow show(Stage stage, ConsoleBackend backend, String placeholder) {
        return show(stage, backend, placeholder, new AlertOutlets(alerts -> { }, alerts -> { }));
    }

    public static MainWindow show(Stage stage, ConsoleBackend backend, String placeholder, AlertOutlets outlets) {
        return show(stage, backend, placeholder, outlets, 1280, 800);
    }

    /** At a given size: the console must work on a 1024 × 700 laptop screen as well as on a large one. */
    public static MainWindow show(Stage stage, FakeEngine engine, double width, double height) {
        return show(stage, new FakeBackend(engine), "Waiting for alerts.>", new AlertOutlets(alerts -> { },
                alerts -> { }), width, height);
    }

    private static MainWindow show(Stage stage, ConsoleBackend backend, String placeholder, AlertOutlets outlets,
                                   double width, double height) {
        Themes.apply(Theme.DARK);
        MainWindow window = new MainWindow(backend, new MainWindow.Options("test", placeholder, Theme.DARK), outlets);
        Scene scene = new Scene(window.root(), width, height);
        Themes.style(scene);
        window.installShortcuts(scene);
        stage.setScene(scene);
        stage.show();
        window.start();
        return window;
    }

    public static void close(MainWindow window) {
        fx(() -> {
            window.stop();
            return null;
        });
    }
}
