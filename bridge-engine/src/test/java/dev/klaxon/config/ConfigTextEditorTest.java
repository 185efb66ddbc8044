package dev.klaxon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.secret.SecretRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Targeted edits of a user's config: only the keys asked for change; comments, quoting and routes stay. */
class ConfigTextEditorTest {
    private static final String FILE = """
            # Klaxon config for the payments team
            nats:
              # two servers, one per zone
              servers: ["nats://a:4222", "nats://b:4222"]   # keep in sync with the cluster
              subjects: ["alerts.>"]
              token_env: NATS_TOKEN

            pagerduty:
              events_url: https://events.pagerduty.com/v2/enqueue
              api_url: https://api.pagerduty.com
              # api_token_env: PD_API_TOKEN

            routes:
              - match: "alerts.prod.>"   # the important one
                action: page
                routing_key_env: PD_KEY_PROD
              # staging only logs
              - match: "alerts.staging.>"
                action: log
            """;

    private final ConfigTextEditor editor = new ConfigTextEditor();

    @Test
    void replacesValuesInPlaceAndKeepsEveryComment() throws Exception {
        String edited = editor.apply(FILE, List.of(
                ConfigTextEdit.set("nats.servers", List.of("nats://c:4222")),
                ConfigTextEdit.set("pagerduty.api_url", "https://api.eu.pagerduty.com"),
                ConfigTextEdit.set("routes[0].routing_key_env", "PD_KEY_PAYMENTS")));

        assertThat(edited).isEqualTo(FILE
                .replace("[\"nats://a:4222\", \"nats://b:4222\"]", "[\"nats://c:4222\"]")
                .replace("api_url: https://api.pagerduty.com", "api_url: \"https://api.eu.pagerduty.com\"")
                .replace("PD_KEY_PROD", "PD_KEY_PAYMENTS"));
    }

    @Test
    void addsAMissingKeyUnderItsSiblingsAndRemovesAnother() throws Exception {
        String edited = editor.apply(FILE, List.of(
                ConfigTextEdit.remove("nats.token_env"),
                ConfigTextEdit.set("nats.user", "bridge"),
                ConfigTextEdit.set("nats.password_env", "NATS_PASSWORD"),
                ConfigTextEdit.set("pagerduty.from_email", "oncall@example.com")));

        assertThat(edited).isEqualTo(FILE
                .replace("  token_env: NATS_TOKEN\n", "  user: bridge\n  password_env: NATS_PASSWORD\n")
                .replace("  api_url: https://api.pagerduty.com\n",
                        "  api_url: https://api.pagerduty.com\n  from_email: \"oncall@example.com\"\n"));
        assertThat(new ConfigLoader().parse(edited, null).nats().auth())
                .isEqualTo(new NatsAuth.UserPassword("bridge", SecretRef.env("NATS_PASSWORD")));
    }

    @Test
    void addsAMissingSectionAtTheEndAndFillsASectionLeftEmpty() throws Exception {
        String withoutPagerDuty = "nats:\n  servers: [\"nats://a:4222\"]\n# end of file\n";
        assertThat(editor.apply(withoutPagerDuty, List.of(ConfigTextEdit.set("pagerduty.api_token_env", "PD_TOKEN"))))
                .isEqualTo(withoutPagerDuty + "pagerduty:\n  api_token_env: PD_TOKEN\n");

        String emptySection = "pagerduty:\n  # api_token_env: PD_API_TOKEN\nroutes: []\n";
        assertThat(editor.apply(emptySection, List.of(ConfigTextEdit.set("pagerduty.from_email", "a@b.io"))))
                .isEqualTo("pagerduty:\n  from_email: \"a@b.io\"\n  # api_token_env: PD_API_TOKEN\nroutes: []\n");
    }

    @Test
    void aBlockListIsReplacedWithoutTakingTheCommentsAfterIt() throws Exception {
        String text = "nats:\n  servers:\n    - nats://a:4222\n    - nats://b:4222\n  # subjects below\n"
                + "  subjects: [\"alerts.>\"]\n";
        assertThat(editor.apply(text, List.of(ConfigTextEdit.set("nats.servers", List.of("nats://c:4222")))))
                .isEqualTo("nats:\n  servers:\n    [\"nats://c:4222\"]\n  # subjects below\n"
                        + "  subjects: [\"alerts.>\"]\n");
    }

    @Test
    void aFlowStyleSectionIsRefusedNotRewritten() {
        assertThatThrownBy(() -> editor.apply("nats: {servers: [\"nats://a:4222\"]}\n",
                List.of(ConfigTextEdit.set("nats.user", "bridge"))))
                .isInstanceOf(ConfigTextEditor.EditException.class)
                .hasMessage("nats is written as {…}; edit it by hand");
    }

    @Test
    void valuesThatYamlWouldMisreadAreQuoted() {
        assertThat(ConfigTextEditor.render("PD_TOKEN")).isEqualTo("PD_TOKEN");
        assertThat(ConfigTextEditor.render("yes")).isEqualTo("\"yes\"");
        assertThat(ConfigTextEditor.render("a \"b\" # c")).isEqualTo("\"a \\\"b\\\" # c\"");
    }
}
