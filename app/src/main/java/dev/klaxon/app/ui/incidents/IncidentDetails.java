package dev.klaxon.app.ui.incidents;

import dev.klaxon.app.ui.common.FxThread;
import dev.klaxon.app.ui.common.SafeText;
import dev.klaxon.incidents.DeskSnapshot;
import dev.klaxon.pagerduty.rest.IncidentSummary;
import dev.klaxon.pagerduty.rest.OnCall;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The selected incident in full under the table: status, urgency, age, alert count, assignee, who is on call for its
 * service, the dedup_keys known to have landed in it and the NATS subjects those came from (looked up in the audit
 * off the FX thread). All outside text goes through {@link SafeText}. FX thread only.
 */
final class IncidentDetails {
    static final int MAX_KEYS = 10;

    private final Clock clock;
    private final Label title = label("incident-detail-title");
    private final Label facts = label("incident-detail-facts");
    private final Label onCall = label("incident-oncall");
    private final Label keys = label("incident-keys");
    private final Label subjects = label("incident-subjects");
    private final VBox root = new VBox(2, title, facts, onCall, keys, subjects);
    private Function<List<String>, CompletableFuture<List<String>>> subjectLookup;
    private String shownId;
    private List<String> shownKeys = List.of();

    IncidentDetails(Clock clock) {
        this.clock = clock;
        root.setId("incident-details");
        root.getStyleClass().add("incident-details");
        title.getStyleClass().add("incident-title");
        show(null, null);
    }

    Node node() {
        return root;
    }

    /** @param lookup dedup_keys → the subjects they were forwarded from; must not block (runs its own work) */
    void lookUpSubjectsWith(Function<List<String>, CompletableFuture<List<String>>> lookup) {
        subjectLookup = lookup;
        shownKeys = List.of();
    }

    /** Shows one incident (null: none or several selected) as the snapshot knows it. */
    void show(IncidentSummary incident, DeskSnapshot snapshot) {
        root.setVisible(incident != null);
        root.setManaged(incident != null);
        if (incident == null || snapshot == null) {
            shownId = null;
            shownKeys = List.of();
            return;
        }
        title.setText(IncidentText.name(incident));
        facts.setText(SafeText.inline(incident.status(), 40) + " · "
                + (incident.urgency() == null ? "urgency unknown" : SafeText.inline(incident.urgency(), 20)
                + " urgency") + " · open for " + IncidentText.age(incident.createdAt(), clock.instant()) + " · "
                + IncidentText.alerts(incident) + " · assigned to " + IncidentText.assignees(incident));
        List<OnCall> onCalls = snapshot.onCalls().forService(incident.serviceId());
        String problem = snapshot.onCalls().problem();
        onCall.setText("On call" + (incident.serviceName() == null ? "" : " for "
                + SafeText.inline(incident.serviceName(), 80)) + ": " + (onCalls.isEmpty() && problem != null
                ? "unknown (" + SafeText.inline(problem, 200) + ")" : IncidentText.onCall(onCalls, 6)));
        List<String> dedupKeys = snapshot.dedupKeysOf(incident.id());
        keys.setText(dedupKeys.isEmpty() ? "Dedup keys: none known yet"
                : "Dedup keys: " + String.join(", ", dedupKeys.stream().limit(MAX_KEYS)
                .map(key -> SafeText.inline(key, 120)).toList())
                + (dedupKeys.size() > MAX_KEYS ? " and " + (dedupKeys.size() - MAX_KEYS) + " more" : ""));
        if (incident.id().equals(shownId) && dedupKeys.equals(shownKeys)) {
            return; // subjects already shown or on their way
        }
        shownId = incident.id();
        shownKeys = dedupKeys;
        lookUpSubjects(incident.id(), dedupKeys);
    }

    private void lookUpSubjects(String incidentId, List<String> dedupKeys) {
        if (subjectLookup == null || dedupKeys.isEmpty()) {
            subjects.setText("Subjects: " + (dedupKeys.isEmpty() ? "none known yet" : "not looked up"));
            return;
        }
        subjects.setText("Subjects: looking them up in the audit…");
        FxThread.whenDone(subjectLookup.apply(dedupKeys.stream().limit(MAX_KEYS).toList()), (found, failure) -> {
            if (!Objects.equals(incidentId, shownId)) {
                return; // another incident is shown by now
            }
            if (failure != null) {
                subjects.setText("Subjects: cannot read the audit (" + FxThread.message(failure) + ")");
            } else {
                subjects.setText("Subjects: " + (found.isEmpty() ? "none in the audit"
                        : String.join(", ", found.stream().map(s -> SafeText.inline(s, 200)).toList())));
            }
        });
    }

    private static Label label(String id) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.getStyleClass().add("incident-meta");
        return label;
    }
}
