package dev.klaxon.app.ui.common;

import dev.klaxon.engine.ReloadResult;
import java.util.List;

/** What a config reload did, in the words the banner and the Settings view use. */
public final class ReloadWords {
    private ReloadWords() {
    }

    /** One sentence: applied (and what waits for a restart), or refused and why. */
    public static String sentence(ReloadResult result) {
        if (!result.applied()) {
            return "Not applied; the running config is kept: " + SafeText.inline(result.detail(), 600);
        }
        List<String> kept = result.keptUntilRestart().stream().map(ReloadWords::section).toList();
        return "Applied: the console now runs " + result.detail() + (kept.isEmpty() ? "." : "; the "
                + String.join(" and ", kept) + " settings take effect when Klaxon restarts.");
    }

    private static String section(String key) {
        return switch (key) {
            case "nats" -> "NATS";
            case "pagerduty" -> "PagerDuty";
            default -> key;
        };
    }
}
