package dev.klaxon.app.ui.rules;

import dev.klaxon.route.RouteRule;
import dev.klaxon.secret.SecretRef;
import java.util.ArrayList;
import java.util.List;

/** How a route reads in the rules view. Routing keys and secrets appear only as where they come from. */
final class RuleText {
    private RuleText() {
    }

    /** {@code env PD_KEY_PROD}, {@code file /etc/klaxon/key}, or a dash. Never the key. */
    static String reference(SecretRef ref) {
        if (ref == null) {
            return "—";
        }
        return (ref.source() == SecretRef.Source.ENV ? "env " : "file ") + ref.reference();
    }

    /** The severity a page gets: the message's own, else the rule's default, else error. */
    static String severity(RouteRule rule) {
        if (!rule.action().sendsEvent()) {
            return "—";
        }
        return "message's, else " + (rule.severity() == null ? "error" : rule.severity().wire());
    }

    static String severityOf(RulesView.RuleRow row) {
        return severity(row.rule());
    }

    static List<String> flags(RouteRule rule) {
        List<String> flags = new ArrayList<>();
        if (rule.shadow()) {
            flags.add("shadow (rendered, not sent)");
        }
        if (rule.continueMatching()) {
            flags.add("continue");
        }
        if (rule.signatureSecret() != null) {
            flags.add("signature required (" + reference(rule.signatureSecret()) + ")");
        }
        return flags;
    }
}
