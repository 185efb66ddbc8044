package dev.klaxon.app.ui.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.app.ui.actions.SilenceForm.Field;
import dev.klaxon.stats.TailEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SilenceFormTest {
    @Test
    void aCompleteFormBecomesTheRequestTheEngineGets() {
        SilenceForm.Checked checked = new SilenceForm(" alerts.prod.db.> ", List.of("severity=warning", "", "source=~db-.*"),
                null, "90m", " failover drill ").check();

        assertThat(checked.ok()).isTrue();
        assertThat(checked.request().pattern().text()).isEqualTo("alerts.prod.db.>");
        assertThat(checked.request().matchers()).extracting(Object::toString)
                .containsExactly("severity=warning", "source=~db-.*");
        assertThat(checked.request().duration()).isEqualTo(Duration.ofMinutes(90));
        assertThat(checked.request().reason()).isEqualTo("failover drill");
    }

    @Test
    void everyMistakeIsNamedByItsField() {
        SilenceForm.Checked checked = new SilenceForm("alerts..db", List.of("colour=red"), null, "soon", "  ")
                .check();

        assertThat(checked.ok()).isFalse();
        assertThat(checked.errors()).containsOnlyKeys(Field.PATTERN, Field.MATCHERS, Field.DURATION, Field.REASON);
        assertThat(checked.errors().get(Field.PATTERN)).contains("empty token");
        assertThat(checked.errors().get(Field.MATCHERS)).contains("unknown field \"colour\"");
        assertThat(checked.errors().get(Field.DURATION)).contains("soon");
    }

    @Test
    void aPresetNeedsNoCustomDurationAndZeroIsRefused() {
        assertThat(new SilenceForm("alerts.>", List.of(), Duration.ofMinutes(15), "", "drill").check().ok())
                .isTrue();
        assertThat(new SilenceForm("alerts.>", List.of(), null, "0m", "drill").check().errors())
                .containsOnlyKeys(Field.DURATION);
    }

    @Test
    void suggestionsComeFromTheMessageAsTheEngineReadsIt() {
        MatcherSuggestions suggestions = new MatcherSuggestions();
        assertThat(suggestions.of(entry("{\"severity\":\"WARN\",\"source\":\"db-3\"}", false)))
                .containsExactly("severity=warning", "source=db-3");
        assertThat(suggestions.of(entry("{\"source\":\"line\\nbreak\"}", false))).isEmpty();
        assertThat(suggestions.of(entry("disk full", false))).isEmpty();
        assertThat(suggestions.of(entry("{\"severity\":\"critical\"}", true))).isEmpty();
    }

    private static TailEntry entry(String body, boolean truncated) {
        return new TailEntry(Instant.EPOCH, "alerts.prod.db", body, body.length(), truncated, Map.of(), null, null);
    }
}
