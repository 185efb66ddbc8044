package dev.klaxon.app.ui;

import static dev.klaxon.app.FxQuery.fx;

import javafx.scene.Scene;
import javafx.stage.Stage;

/** The main window on a test stage, as the console shows it: dark theme, shortcuts installed, frames running. */
final class ShownWindow {
    private ShownWindow() {
    }

    static MainWindow show(Stage stage, FakeEngine engine, String placeholder) {
        Themes.apply(Theme.DARK);
        MainWindow window = new MainWindow(engine, new MainWindow.Options("test", placeholder, Theme.DARK));
        Scene scene = new Scene(window.root(), 1280, 800);
        Themes.style(scene);
        window.installShortcuts(scene);
        stage.setScene(scene);
        stage.show();
        window.start();
        return window;
    }

    static void close(MainWindow window) {
        fx(() -> {
            window.stop();
            return null;
        });
    }
}
