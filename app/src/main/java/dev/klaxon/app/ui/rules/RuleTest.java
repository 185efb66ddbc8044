package dev.klaxon.app.ui.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.app.backend.RulesBackend;
import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.decision.Decision;
import dev.klaxon.decision.DecisionText;
import dev.klaxon.route.RouteRule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The rules view's test box off the screen: reads what the operator typed (subject, payload, optional headers), asks
 * the engine what it would decide, and renders that the way {@code rules test} does. Input the engine need not see is
 * refused at once; the engine's answer comes from the backend.
 */
final class RuleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param decision what the engine decided; null when the input was refused before asking it
     * @param problem  why the input was refused (names the field); null when the engine answered
     * @param text     the decision as {@code rules test} prints it, event bodies included; null with a problem
     */
    record Result(Decision decision, String problem, String text) {
        static Result refused(String problem) {
            return new Result(null, problem, null);
        }
    }

    private final RulesBackend rules;

    RuleTest(RulesBackend rules) {
        this.rules = rules;
    }

    CompletableFuture<Result> run(String subject, String payload, String headerText, List<RouteRule> routes) {
        String trimmedSubject = subject == null ? "" : subject.strip();
        if (trimmedSubject.isEmpty()) {
            return refused("Subject: enter the NATS subject to test, e.g. alerts.prod.db");
        }
        String body = payload == null ? "" : payload;
        String jsonProblem = jsonProblem(body);
        if (jsonProblem != null) {
            return refused("Payload: not valid JSON — " + jsonProblem
                    + ". Fix it, or send plain text (not starting with { or [).");
        }
        Map<String, List<String>> headers;
        try {
            headers = headers(headerText);
        } catch (IllegalArgumentException e) {
            return refused("Headers: " + e.getMessage());
        }
        return rules.explain(trimmedSubject, body.getBytes(StandardCharsets.UTF_8), headers).thenApply(decision ->
                new Result(decision, null, String.join("\n", DecisionText.lines(decision, routes))));
    }

    private static CompletableFuture<Result> refused(String problem) {
        return CompletableFuture.completedFuture(Result.refused(problem));
    }

    /** Where a payload that looks like JSON stops being JSON; null for valid JSON and for plain text. */
    static String jsonProblem(String payload) {
        String trimmed = payload.strip();
        if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
            return null;
        }
        try {
            JSON.readTree(trimmed);
            return null;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": ";
            return where + Formats.oneLine(e.getOriginalMessage(), 160);
        }
    }

    /** {@code Name: value} per line; blank lines are skipped; a name may repeat. */
    static Map<String, List<String>> headers(String text) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (text == null) {
            return headers;
        }
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("line " + (i + 1) + " needs the form Name: value");
            }
            String name = line.substring(0, colon).strip();
            if (name.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
                throw new IllegalArgumentException("line " + (i + 1) + ": a header name has no spaces");
            }
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(line.substring(colon + 1).strip());
        }
        return headers;
    }
}
