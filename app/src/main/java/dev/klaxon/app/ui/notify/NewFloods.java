package dev.klaxon.app.ui.notify;

import dev.klaxon.app.outlets.Alert;
import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.guard.FloodStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the subjects that entered flood state since the last look. The first look only sets the baseline. A subject
 * that leaves flood state and enters it again is new again; {@link AlertPolicy} keeps that from alerting more than
 * once a minute. Memory is what the engine reports as flooding, no more.
 */
final class NewFloods {
    private Set<String> flooding;
    private List<FloodStatus> last;

    List<Alert> next(List<FloodStatus> floods) {
        if (floods == last) {
            return List.of(); // the feed hands out the same list until the engine's answer changes
        }
        last = floods;
        Set<String> now = new HashSet<>(floods.size() * 2);
        List<Alert> alerts = new ArrayList<>();
        for (FloodStatus flood : floods) {
            if (now.add(flood.subject()) && flooding != null && !flooding.contains(flood.subject())) {
                alerts.add(alert(flood));
            }
        }
        flooding = now;
        return alerts;
    }

    private static Alert alert(FloodStatus flood) {
        String subject = Formats.oneLine(flood.subject(), 160);
        return new Alert(Alert.Kind.FLOOD, "flood:" + flood.subject(), "Flood: " + subject,
                "In flood state since " + Formats.seconds(flood.since()) + ": triggers are held ("
                        + Formats.count(flood.held()) + " so far) instead of paging one by one.");
    }
}
