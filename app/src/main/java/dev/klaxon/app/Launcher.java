package dev.klaxon.app;

import java.util.List;

/**
 * Entry point of the console jar. Deliberately not a JavaFX {@code Application}: a main class that extends one
 * refuses to start from a plain classpath jar ("JavaFX runtime components are missing"), and parsing the command
 * line here means usage errors never open a window.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(List.of(args));
        } catch (LaunchOptions.UsageException e) {
            System.err.println("klaxon: " + e.getMessage());
            System.err.print(LaunchOptions.USAGE);
            System.exit(2);
            return;
        }
        switch (options.mode()) {
            case HELP -> {
                System.out.print(LaunchOptions.USAGE);
                System.exit(0);
            }
            case VERSION -> {
                System.out.println("klaxon " + AppVersion.get());
                System.exit(0);
            }
            case RUN -> System.exit(ConsoleApp.run(options));
        }
    }
}
