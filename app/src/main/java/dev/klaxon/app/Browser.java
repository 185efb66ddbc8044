package dev.klaxon.app;

import java.util.function.Consumer;
import javafx.application.Application;
import javafx.application.HostServices;
import javafx.stage.Stage;

/**
 * Opens web pages in the desktop's browser through JavaFX's {@link HostServices}. The console starts JavaFX with
 * {@code Platform.startup} rather than through an {@link Application}, so an idle one exists here only to reach its
 * host services. {@code showDocument} may wait for a browser to start: callers run it off the FX thread.
 */
final class Browser {
    private Browser() {
    }

    static Consumer<String> hostServices() {
        HostServices services = new Application() {
            @Override
            public void start(Stage stage) {
                // never launched: only its host services are used
            }
        }.getHostServices();
        return services::showDocument;
    }
}
