package dev.klaxon.app.outlets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertDigestTest {
    private static Alert alert(Alert.Kind kind, String name) {
        return new Alert(kind, name, "Title " + name, "text");
    }

    private static List<Alert> floods(int n) {
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            alerts.add(alert(Alert.Kind.FLOOD, "f" + i));
        }
        return alerts;
    }

    @Test
    void aFewStayAsTheyAre() {
        assertThat(AlertDigest.fold(floods(3), 3)).isEqualTo(floods(3));
    }

    @Test
    void theRestFoldIntoOneThatNamesThem() {
        List<Alert> folded = AlertDigest.fold(floods(4), 3);
        assertThat(folded).hasSize(3);
        assertThat(folded.subList(0, 2)).isEqualTo(floods(2));
        assertThat(folded.get(2).title()).isEqualTo("2 more alerts");
        assertThat(folded.get(2).text()).isEqualTo("Title f2\nTitle f3");
    }

    @Test
    void oneForTheDesktopSaysHowManyAndIsAnIncidentIfAnyIs() {
        List<Alert> burst = new ArrayList<>(floods(7));
        burst.add(alert(Alert.Kind.INCIDENT, "i"));
        List<Alert> folded = AlertDigest.fold(burst, 1);
        assertThat(folded).hasSize(1);
        assertThat(folded.get(0).title()).isEqualTo("8 new alerts");
        assertThat(folded.get(0).kind()).isEqualTo(Alert.Kind.INCIDENT);
        assertThat(folded.get(0).text().lines()).hasSize(6).endsWith("…");
    }
}
