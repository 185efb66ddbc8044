package dev.klaxon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeySuggesterTest {

    private static final List<String> NATS_KEYS = List.of("servers", "subjects", "queue_group", "token_env", "tls");

    @Test
    void suggestsForTranspositionsCaseAndSeparatorSlips() {
        assertThat(KeySuggester.closest("sevrers", NATS_KEYS)).contains("servers");
        assertThat(KeySuggester.closest("Subjects", NATS_KEYS)).contains("subjects");
        assertThat(KeySuggester.closest("queue-group", NATS_KEYS)).contains("queue_group");
        assertThat(KeySuggester.closest("tsl", NATS_KEYS)).contains("tls");
    }

    @Test
    void staysQuietWhenNothingIsClose() {
        assertThat(KeySuggester.closest("password", NATS_KEYS)).isEmpty();
        assertThat(KeySuggester.closest("abc", NATS_KEYS)).isEmpty();
    }

    @Test
    void countsASwapOfNeighboursAsOneEdit() {
        assertThat(KeySuggester.distance("sevrers", "servers")).isEqualTo(1);
        assertThat(KeySuggester.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(KeySuggester.distance("", "abc")).isEqualTo(3);
    }
}
