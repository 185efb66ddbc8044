package dev.klaxon.app.outlets;

import java.util.ArrayList;
import java.util.List;

/** Shortens a burst of alerts to a few: the first ones as they are, the rest folded into one that names them. */
public final class AlertDigest {
    private static final int NAMED = 5;

    private AlertDigest() {
    }

    public static List<Alert> fold(List<Alert> alerts, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        if (alerts.size() <= max) {
            return alerts;
        }
        List<Alert> kept = new ArrayList<>(alerts.subList(0, max - 1));
        List<Alert> rest = alerts.subList(max - 1, alerts.size());
        StringBuilder text = new StringBuilder();
        boolean incident = false;
        for (int i = 0; i < rest.size(); i++) {
            incident |= rest.get(i).kind() == Alert.Kind.INCIDENT;
            if (i < NAMED) {
                text.append(i == 0 ? "" : "\n").append(rest.get(i).title());
            }
        }
        if (rest.size() > NAMED) {
            text.append("\n…");
        }
        String title = rest.size() + (kept.isEmpty() ? " new alerts" : " more alerts");
        kept.add(new Alert(incident ? Alert.Kind.INCIDENT : Alert.Kind.FLOOD, "digest", title, text.toString()));
        return kept;
    }
}
