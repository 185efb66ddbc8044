package dev.klaxon.route;

import static dev.klaxon.route.MessageFixture.MAPPER;
import static dev.klaxon.route.MessageFixture.json;
import static dev.klaxon.route.MessageFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.message.AlertMessage;
import dev.klaxon.message.Severity;
import dev.klaxon.secret.SecretRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EventBodyRendererTest {
    private static final String MARKER = "… [truncated by Klaxon]";

    private final EventBodyRenderer renderer = new EventBodyRenderer(MAPPER);

    private static RouteRule rule(SecretRef key, Severity severity, String template) {
        return new RouteRule(0, 3, SubjectPattern.compile("alerts.>"), RouteAction.PAGE, true, false, key, severity,
                template == null ? null : DedupKeyTemplate.compile(template), null);
    }

    private static RouteRule plainRule() {
        return rule(SecretRef.env("PD_KEY"), null, null);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Nested
    class Change {
        private final RouteRule changeRule = new RouteRule(1, 9, SubjectPattern.compile("deploys.>"),
                RouteAction.CHANGE, false, false, SecretRef.env("PD_CHANGES"), null, null, null);

        @Test
        void rendersTheExactChangeEventBodyWithoutActionSeverityOrDedupKey() {
            AlertMessage message = message("deploys.prod.api", """
                    {"summary":"api v2.3.1 deployed","severity":"critical","source":"ci","dedup_key":"x",
                     "timestamp":"2026-11-29T10:00:00Z","custom_details":{"sha":"4f2a9c"},
                     "links":[{"href":"https://ci/118","text":"build"}],"images":[{"src":"https://graph/png"}]}""");
            RenderedEvent event = renderer.renderChange(message, changeRule);

            assertThat(event.body().toString()).isEqualTo("{"
                    + "\"routing_key\":\"******** (env PD_CHANGES)\","
                    + "\"payload\":{\"summary\":\"api v2.3.1 deployed\",\"source\":\"ci\","
                    + "\"timestamp\":\"2026-11-29T10:00:00Z\",\"custom_details\":{\"sha\":\"4f2a9c\"}},"
                    + "\"links\":[{\"href\":\"https://ci/118\",\"text\":\"build\"}]}");
            assertThat(event.dedupKey()).isNull();
            assertThat(event.adjustments()).isEmpty();
        }

        @Test
        void aResolveOnAChangeRuleIsSentAsAChangeEventAndSaysSo() {
            RenderedEvent event = renderer.renderChange(
                    message("deploys.prod.api", "{\"event_action\":\"resolve\",\"dedup_key\":\"d\"}"), changeRule);

            assertThat(event.body().get("payload").get("summary").asText()).isEqualTo("change on deploys.prod.api");
            assertThat(event.body().get("payload").get("source").asText()).isEqualTo("deploys.prod.api");
            assertThat(event.adjustments()).containsExactly(
                    "event_action resolve ignored: a change event has no action; sent as a change event",
                    "summary missing; used \"change on deploys.prod.api\"",
                    "source missing; used the subject");
        }

        @Test
        void aLongSummaryIsCutToPagerDutysLimit() {
            RenderedEvent event = renderer.renderChange(
                    message("deploys.prod.api", "{\"summary\":\"" + "d".repeat(2000) + "\"}"), changeRule);

            String summary = event.body().get("payload").get("summary").asText();
            assertThat(summary).hasSize(1024).endsWith(MARKER);
            assertThat(event.adjustments()).anyMatch(a -> a.startsWith("summary was 2000 characters"));
        }
    }

    @Nested
    class Trigger {

        @Test
        void rendersTheExactEventsV2BodyInAStableOrder() {
            AlertMessage message = message("alerts.prod.db", """
                    {"summary":"disk full on /var","severity":"warning","source":"db-1","component":"postgres",
                     "group":"eu","class":"disk","timestamp":"2024-05-01T10:00:00Z",
                     "custom_details":{"free":0,"mount":"/var"},
                     "links":[{"href":"https://runbook/disk","text":"runbook"}],
                     "images":[{"src":"https://graph/png","href":"https://graph","alt":"graph"}]}""");
            RenderedEvent event = renderer.render(message,
                    rule(SecretRef.env("PD_ROUTING_KEY_PROD"), Severity.CRITICAL, "{subject}/{source}"));

            assertThat(event.body().toString()).isEqualTo("{"
                    + "\"routing_key\":\"******** (env PD_ROUTING_KEY_PROD)\","
                    + "\"event_action\":\"trigger\","
                    + "\"dedup_key\":\"alerts.prod.db/db-1\","
                    + "\"payload\":{\"summary\":\"disk full on /var\",\"source\":\"db-1\",\"severity\":\"warning\","
                    + "\"timestamp\":\"2024-05-01T10:00:00Z\",\"component\":\"postgres\",\"group\":\"eu\","
                    + "\"class\":\"disk\",\"custom_details\":{\"free\":0,\"mount\":\"/var\"}},"
                    + "\"links\":[{\"href\":\"https://runbook/disk\",\"text\":\"runbook\"}],"
                    + "\"images\":[{\"src\":\"https://graph/png\",\"href\":\"https://graph\",\"alt\":\"graph\"}],"
                    + "\"client\":\"Klaxon\"}");
            assertThat(event.dedupKey()).isEqualTo("alerts.prod.db/db-1");
            assertThat(event.adjustments()).isEmpty();
        }

        @Test
        void absentOptionalFieldsAreOmitted() {
            AlertMessage message = message("alerts.prod.db", "{\"summary\":\"s\",\"severity\":\"info\",\"source\":\"h\"}");
            ObjectNode body = renderer.render(message, plainRule()).body();
            assertThat(fieldNames(body)).containsExactly("routing_key", "event_action", "dedup_key", "payload", "client");
            assertThat(fieldNames(body.get("payload"))).containsExactly("summary", "source", "severity");
        }

        @Test
        void routingKeyIsMaskedNeverResolved() {
            AlertMessage message = message("alerts.a", "{\"summary\":\"s\"}");
            assertThat(renderer.render(message, rule(SecretRef.file("/etc/klaxon/pd.key"), null, null))
                    .body().get("routing_key").asText()).isEqualTo("******** (file /etc/klaxon/pd.key)");
            assertThat(renderer.render(message, rule(null, null, null)).body().get("routing_key").asText())
                    .isEqualTo("******** (not configured)");
        }

        @Test
        void bodyDoesNotShareNodesWithTheMessage() {
            AlertMessage message = message("alerts.a", "{\"custom_details\":{\"a\":1}}");
            ObjectNode body = renderer.render(message, plainRule()).body();
            ((ObjectNode) body.get("payload").get("custom_details")).put("a", 2);
            assertThat(message.customDetails().get("a").asInt()).isEqualTo(1);
        }
    }

    @Nested
    class Defaults {

        @Test
        void missingSummarySourceAndSeverityUseTheRulesDefault() {
            RenderedEvent event = renderer.render(message("alerts.prod.db", "{}"),
                    rule(SecretRef.env("K"), Severity.CRITICAL, null));
            JsonNode payload = event.body().get("payload");
            assertThat(payload.get("summary").asText()).isEqualTo("critical alert on alerts.prod.db");
            assertThat(payload.get("source").asText()).isEqualTo("alerts.prod.db");
            assertThat(payload.get("severity").asText()).isEqualTo("critical");
            assertThat(event.adjustments()).containsExactly(
                    "severity missing; used the route's default \"critical\"",
                    "summary missing; used \"critical alert on alerts.prod.db\"",
                    "source missing; used the subject");
        }

        @Test
        void severityFallsBackToErrorWhenTheRuleHasNone() {
            RenderedEvent event = renderer.render(message("alerts.x", "{\"summary\":\"s\",\"source\":\"h\"}"),
                    plainRule());
            assertThat(event.body().get("payload").get("severity").asText()).isEqualTo("error");
            assertThat(event.adjustments())
                    .containsExactly("severity missing and the route sets no default; used \"error\"");
        }

        @Test
        void messageSeverityWinsOverTheRuleDefault() {
            RenderedEvent event = renderer.render(
                    message("alerts.x", "{\"summary\":\"s\",\"source\":\"h\",\"severity\":\"warn\"}"),
                    rule(SecretRef.env("K"), Severity.CRITICAL, null));
            assertThat(event.body().get("payload").get("severity").asText()).isEqualTo("warning");
            assertThat(event.adjustments()).isEmpty();
        }

        @Test
        void blankSummaryAndSourceCountAsMissing() {
            RenderedEvent event = renderer.render(
                    message("alerts.x", "{\"summary\":\"  \",\"source\":\"\",\"severity\":\"info\"}"), plainRule());
            assertThat(event.body().get("payload").get("summary").asText()).isEqualTo("info alert on alerts.x");
            assertThat(event.body().get("payload").get("source").asText()).isEqualTo("alerts.x");
        }
    }

    @Nested
    class DedupKey {

        @Test
        void messageDedupKeyWinsOverTheTemplate() {
            RenderedEvent event = renderer.render(message("alerts.x", "{\"dedup_key\":\"mine\",\"source\":\"h\"}"),
                    rule(SecretRef.env("K"), null, "{subject}/{source}"));
            assertThat(event.dedupKey()).isEqualTo("mine");
            assertThat(event.body().get("dedup_key").asText()).isEqualTo("mine");
        }

        @Test
        void withoutTemplateTheSubjectGroupsRepeatedAlerts() {
            RenderedEvent first = renderer.render(message("alerts.prod.db", "{\"summary\":\"one\"}"), plainRule());
            RenderedEvent second = renderer.render(message("alerts.prod.db", "{\"summary\":\"two\"}"), plainRule());
            assertThat(first.dedupKey()).isEqualTo("alerts.prod.db").isEqualTo(second.dedupKey());
        }

        @Test
        void missingTemplateValuesAreReported() {
            RenderedEvent event = renderer.render(message("alerts.x", "{\"summary\":\"s\",\"severity\":\"info\"}"),
                    rule(SecretRef.env("K"), null, "{subject}/{component}"));
            assertThat(event.dedupKey()).isEqualTo("alerts.x/");
            assertThat(event.adjustments()).contains("dedup_key template \"{subject}/{component}\": "
                    + "{component}: not in the message");
        }

        @Test
        void templateThatExpandsToNothingFallsBackToTheSubject() {
            RenderedEvent event = renderer.render(message("alerts.x", "{\"summary\":\"s\",\"severity\":\"info\"}"),
                    rule(SecretRef.env("K"), null, "{component}"));
            assertThat(event.dedupKey()).isEqualTo("alerts.x");
            assertThat(event.adjustments()).containsExactly(
                    "dedup_key template \"{component}\": {component}: not in the message",
                    "dedup_key template \"{component}\" expanded to nothing; used the subject",
                    "source missing; used the subject");
        }

        @Test
        void controlCharactersATemplateTakesFromTheMessageBecomeSpaces() {
            // The decoder refuses them in the message's own dedup_key; a template can still pick them up from
            // custom_details or any other field.
            RenderedEvent event = renderer.render(message("alerts.x",
                    "{\"custom_details\":{\"host\":\"db-3\\r\\nX: y\\u0000\"}}"),
                    rule(SecretRef.env("K"), null, "{subject}/{custom_details.host}"));
            assertThat(event.dedupKey()).isEqualTo("alerts.x/db-3 X: y");
            assertThat(event.adjustments()).contains("dedup_key template \"{subject}/{custom_details.host}\": "
                    + "line breaks or control characters in the values replaced by a space");
        }

        @Test
        void overLongKeyIsReplacedByAStableSha256() {
            RenderedEvent event = renderer.render(message("alerts.x", "{\"dedup_key\":\"" + "k".repeat(300) + "\"}"),
                    plainRule());
            assertThat(event.dedupKey())
                    .isEqualTo("sha256:17b16d8ef494060fefa36a6a41567b8c32d213a17e02b7eeae86158cc4495461");
            assertThat(event.body().get("dedup_key").asText()).isEqualTo(event.dedupKey());
            assertThat(event.adjustments())
                    .contains("dedup_key was 300 characters, over PagerDuty's limit of 255; replaced by its SHA-256 hash");

            RenderedEvent again = renderer.render(
                    message("alerts.y", "{\"event_action\":\"resolve\",\"dedup_key\":\"" + "k".repeat(300) + "\"}"),
                    plainRule());
            assertThat(again.dedupKey()).isEqualTo(event.dedupKey());
            RenderedEvent other = renderer.render(message("alerts.x", "{\"dedup_key\":\"" + "k".repeat(301) + "\"}"),
                    plainRule());
            assertThat(other.dedupKey()).startsWith("sha256:").hasSize(71).isNotEqualTo(event.dedupKey());
        }

        @Test
        void overLongTemplateExpansionIsHashedToo() {
            String source = "h".repeat(250);
            RenderedEvent event = renderer.render(message("alerts.x", "{\"source\":\"" + source + "\"}"),
                    rule(SecretRef.env("K"), null, "{subject}/{source}"));
            assertThat(event.dedupKey()).startsWith("sha256:").hasSize(71);
        }

        @Test
        void keyOfExactly255CharactersIsKept() {
            String key = "k".repeat(255);
            RenderedEvent event = renderer.render(message("alerts.x", "{\"dedup_key\":\"" + key + "\"}"), plainRule());
            assertThat(event.dedupKey()).isEqualTo(key);
        }
    }

    @Nested
    class AcknowledgeAndResolve {

        @Test
        void carryOnlyRoutingKeyActionAndDedupKey() {
            for (String action : List.of("acknowledge", "resolve")) {
                AlertMessage message = message("alerts.prod.db", "{\"event_action\":\"" + action + "\","
                        + "\"dedup_key\":\"db-disk\",\"summary\":\"ignored\",\"custom_details\":{\"a\":1},"
                        + "\"links\":[{\"href\":\"https://x\"}]}");
                RenderedEvent event = renderer.render(message, plainRule());
                assertThat(event.body().toString()).isEqualTo("{\"routing_key\":\"******** (env PD_KEY)\","
                        + "\"event_action\":\"" + action + "\",\"dedup_key\":\"db-disk\"}");
                assertThat(event.adjustments()).isEmpty();
            }
        }

        @Test
        void resolveFindsTheSameKeyAsTheTriggerItCloses() {
            RouteRule rule = rule(SecretRef.env("K"), Severity.ERROR, "{token[2]}/{source}");
            String trigger = renderer.render(message("alerts.prod.db", "{\"source\":\"db-1\",\"summary\":\"s\"}"),
                    rule).dedupKey();
            String resolve = renderer.render(message("alerts.prod.db",
                    "{\"source\":\"db-1\",\"event_action\":\"resolve\"}"), rule).dedupKey();
            assertThat(resolve).isEqualTo(trigger).isEqualTo("db/db-1");
        }
    }

    @Nested
    class Limits {

        @Test
        void longSummaryIsTruncatedToExactly1024WithAMarker() {
            String summary = "x".repeat(5000);
            RenderedEvent event = renderer.render(message("alerts.x", "{\"summary\":\"" + summary + "\"}"),
                    plainRule());
            String rendered = event.body().get("payload").get("summary").asText();
            assertThat(rendered).hasSize(1024).endsWith(MARKER).startsWith("x".repeat(1024 - MARKER.length()));
            assertThat(event.adjustments())
                    .contains("summary was 5000 characters, over PagerDuty's limit of 1024; truncated");
        }

        @Test
        void summaryOfExactly1024IsKept() {
            String summary = "y".repeat(1024);
            RenderedEvent event = renderer.render(message("alerts.x", "{\"summary\":\"" + summary + "\"}"),
                    plainRule());
            assertThat(event.body().get("payload").get("summary").asText()).isEqualTo(summary);
            assertThat(event.adjustments()).noneMatch(a -> a.startsWith("summary"));
        }

        @Test
        void truncationNeverSplitsASurrogatePair() {
            String summary = "a".repeat(1000) + "😀".repeat(100);
            RenderedEvent event = renderer.render(message("alerts.x", "{\"summary\":\"" + summary + "\"}"),
                    plainRule());
            String rendered = event.body().get("payload").get("summary").asText();
            assertThat(rendered).hasSizeLessThanOrEqualTo(1024).endsWith(MARKER);
            String kept = rendered.substring(0, rendered.length() - MARKER.length());
            assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isFalse();
        }

        @Test
        void imagesWithoutHttpsSrcAreDropped() {
            AlertMessage message = message("alerts.x", """
                    {"images":[{"src":"http://plain/png"},{"src":"https://ok/png","alt":"ok"},{"alt":"no src"},
                               "not an object",{"src":"HTTPS://UPPER/png"},{"src":"javascript:alert(1)"}]}""");
            RenderedEvent event = renderer.render(message, plainRule());
            assertThat(event.body().get("images")).isEqualTo(json(
                    "[{\"src\":\"https://ok/png\",\"alt\":\"ok\"},{\"src\":\"HTTPS://UPPER/png\"}]"));
            assertThat(event.adjustments())
                    .contains("images: dropped 4 of 6 whose src is not an https URL (index 0, 2, 3, 5)");
        }

        @Test
        void linksWithoutHrefAreDropped() {
            AlertMessage message = message("alerts.x", """
                    {"links":[{"text":"no href"},{"href":"https://a","text":"a"},{"href":""},{"href":"https://b"}]}""");
            RenderedEvent event = renderer.render(message, plainRule());
            assertThat(event.body().get("links")).isEqualTo(json(
                    "[{\"href\":\"https://a\",\"text\":\"a\"},{\"href\":\"https://b\"}]"));
            assertThat(event.adjustments()).contains("links: dropped 2 of 4 without an href (index 0, 2)");
        }

        @Test
        void linksThatWouldRunScriptOrLeaveTheWebAreDropped() {
            // PagerDuty's spec only says "format: url"; it renders href as a clickable link, so Klaxon keeps what
            // a click can safely open: absolute http, https and mailto URLs without spaces or control characters.
            AlertMessage message = message("alerts.x", """
                    {"links":[{"href":"javascript:alert(1)","text":"runbook"},{"href":"https://ok/a"},
                              {"href":"JavaScript:alert(1)"},{"href":"data:text/html,<script>x</script>"},
                              {"href":"vbscript:msgbox(1)"},{"href":" javascript:alert(1)"},
                              {"href":"java\\tscript:alert(1)"},{"href":"HTTP://ok/b"},
                              {"href":"mailto:dba@example.com"},
                              {"href":"//evil.example/x"},{"href":"https://ok/a b"},{"href":"https://ok/\\nx"},
                              {"href":"https:"},{"href":"file:///etc/passwd"}]}""");
            RenderedEvent event = renderer.render(message, plainRule());
            assertThat(event.body().get("links")).isEqualTo(json(
                    "[{\"href\":\"https://ok/a\"},{\"href\":\"HTTP://ok/b\"},{\"href\":\"mailto:dba@example.com\"}]"));
            assertThat(event.adjustments()).contains("links: dropped 11 of 14 whose href is not an http, https or "
                    + "mailto URL (index 0, 2, 3, 4, 5, 6, 9, 10, 11, 12, ...)");
        }

        @Test
        void anImageKeepsItsPictureButLosesAnUnsafeHref() {
            AlertMessage message = message("alerts.x", """
                    {"images":[{"src":"https://graph/png","href":"javascript:alert(1)","alt":"graph"},
                               {"src":"https://graph/2","href":"https://graph"}]}""");
            RenderedEvent event = renderer.render(message, plainRule());
            assertThat(event.body().get("images")).isEqualTo(json("[{\"src\":\"https://graph/png\",\"alt\":\"graph\"},"
                    + "{\"src\":\"https://graph/2\",\"href\":\"https://graph\"}]"));
            assertThat(event.adjustments())
                    .contains("images: href left out of 1 of 2 whose href is not an http, https or mailto URL "
                            + "(index 0)");
        }

        @Test
        void changeEventsDropUnsafeLinksToo() {
            RouteRule changeRule = new RouteRule(1, 9, SubjectPattern.compile("deploys.>"), RouteAction.CHANGE,
                    false, false, SecretRef.env("PD_CHANGES"), null, null, null);
            RenderedEvent event = renderer.renderChange(message("deploys.x",
                    "{\"links\":[{\"href\":\"javascript:alert(1)\"}]}"), changeRule);
            assertThat(event.body().has("links")).isFalse();
            assertThat(event.adjustments()).contains("links: dropped 1 of 1 whose href is not an http, https or "
                    + "mailto URL (index 0)");
        }

        @Test
        void arraysLeftEmptyAreOmitted() {
            AlertMessage message = message("alerts.x", "{\"links\":[{\"text\":\"x\"}],\"images\":[{\"src\":\"http://x\"}]}");
            ObjectNode body = renderer.render(message, plainRule()).body();
            assertThat(body.has("links")).isFalse();
            assertThat(body.has("images")).isFalse();
        }

        @Test
        void oversizedBodyLosesCustomDetailsForANote() throws Exception {
            String big = "z".repeat(600 * 1024);
            AlertMessage message = message("alerts.x",
                    "{\"summary\":\"s\",\"custom_details\":{\"dump\":\"" + big + "\"}}");
            RenderedEvent event = renderer.render(message, plainRule());

            byte[] bytes = MAPPER.writeValueAsBytes(event.body());
            assertThat(bytes.length).isLessThanOrEqualTo(512 * 1024);
            JsonNode details = event.body().get("payload").get("custom_details");
            long removed = MAPPER.writeValueAsString(message.customDetails()).getBytes(StandardCharsets.UTF_8).length;
            assertThat(details.get("removed_bytes").asLong()).isEqualTo(removed);
            assertThat(details.get("klaxon_note").asText()).startsWith("custom_details removed: the event was ");
            assertThat(event.body().get("payload").get("summary").asText()).isEqualTo("s");
            assertThat(event.adjustments()).anyMatch(a -> a.matches(
                    "event was \\d+ bytes, over PagerDuty's limit of 524288; custom_details \\("
                            + removed + " bytes\\) replaced by a note"));
        }

        @Test
        void bodyUnderTheLimitKeepsCustomDetails() {
            String big = "z".repeat(400 * 1024);
            AlertMessage message = message("alerts.x", "{\"summary\":\"s\",\"custom_details\":{\"dump\":\"" + big + "\"}}");
            RenderedEvent event = renderer.render(message, plainRule());
            assertThat(event.body().get("payload").get("custom_details").get("dump").asText()).hasSize(400 * 1024);
            assertThat(event.adjustments()).noneMatch(a -> a.startsWith("event"));
        }
    }
}
