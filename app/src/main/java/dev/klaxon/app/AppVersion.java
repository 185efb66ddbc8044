package dev.klaxon.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version Maven stamped into the engine jar; the console ships in lockstep with it. */
final class AppVersion {
    private AppVersion() {
    }

    static String get() {
        try (InputStream in = AppVersion.class.getResourceAsStream("/dev/klaxon/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
