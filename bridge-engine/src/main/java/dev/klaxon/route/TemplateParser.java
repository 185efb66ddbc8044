package dev.klaxon.route;

import java.util.ArrayList;
import java.util.List;

/** Turns dedup_key template text into parts, with errors that say what is wrong and where (0-based position). */
final class TemplateParser {
    private static final String TOKEN_PREFIX = "token[";

    private final String template;
    private final List<DedupKeyTemplate.Part> parts = new ArrayList<>();
    private final StringBuilder literal = new StringBuilder();

    private TemplateParser(String template) {
        this.template = template;
    }

    static DedupKeyTemplate.Part[] parse(String template) {
        if (template == null || template.isEmpty()) {
            throw new IllegalArgumentException("empty template");
        }
        return new TemplateParser(template).run();
    }

    private DedupKeyTemplate.Part[] run() {
        int length = template.length();
        int i = 0;
        while (i < length) {
            char c = template.charAt(i);
            if (c == '{') {
                if (i + 1 < length && template.charAt(i + 1) == '{') {
                    literal.append('{');
                    i += 2;
                    continue;
                }
                i = placeholder(i);
            } else if (c == '}') {
                if (i + 1 < length && template.charAt(i + 1) == '}') {
                    literal.append('}');
                    i += 2;
                    continue;
                }
                throw error("unmatched \"}\" at position " + i, "write \"}}\" for a literal brace");
            } else {
                literal.append(c);
                i++;
            }
        }
        flushLiteral();
        return parts.toArray(DedupKeyTemplate.Part[]::new);
    }

    /** Parses the placeholder opening at {@code open}; returns the position after its closing brace. */
    private int placeholder(int open) {
        int close = template.indexOf('}', open + 1);
        int nextOpen = template.indexOf('{', open + 1);
        if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
            throw error("unclosed \"{\" at position " + open, "write \"{{\" for a literal brace");
        }
        String body = template.substring(open + 1, close);
        flushLiteral();
        parts.add(part(body, open));
        return close + 1;
    }

    private DedupKeyTemplate.Part part(String body, int open) {
        String shown = "\"{" + body + "}\" at position " + open;
        if (body.isEmpty()) {
            throw error("empty placeholder " + shown);
        }
        if (body.equals("subject")) {
            return new DedupKeyTemplate.WholeSubject();
        }
        if (body.startsWith(TOKEN_PREFIX)) {
            return token(body, shown);
        }
        String[] path = body.split("\\.", -1);
        for (int s = 0, offset = 0; s < path.length; offset += path[s].length() + 1, s++) {
            String segment = path[s];
            if (segment.isEmpty()) {
                throw error("empty field name in placeholder " + shown);
            }
            for (int k = 0; k < segment.length(); k++) {
                char c = segment.charAt(k);
                if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
                    throw error("unexpected character " + describe(c) + " at position " + (open + 1 + offset + k)
                            + " in placeholder \"{" + body + "}\"", "field names use letters, digits, \"_\" and \"-\"");
                }
            }
        }
        if (path.length > 1 && path[0].equals("subject")) {
            throw error("{subject} has no fields, so placeholder " + shown + " is not allowed");
        }
        return new DedupKeyTemplate.PayloadPath(body, path);
    }

    private DedupKeyTemplate.Part token(String body, String shown) {
        String digits = body.endsWith("]") ? body.substring(TOKEN_PREFIX.length(), body.length() - 1) : "";
        if (!body.endsWith("]") || digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw error("bad token index in placeholder " + shown, "expected a number, as in {token[0]}");
        }
        if (digits.length() > 4 || Integer.parseInt(digits) >= Subjects.MAX_TOKENS) {
            throw error("token index " + digits + " in placeholder " + shown + " is out of range",
                    "subjects have at most " + Subjects.MAX_TOKENS + " tokens (indexes 0 to "
                            + (Subjects.MAX_TOKENS - 1) + ")");
        }
        return new DedupKeyTemplate.SubjectToken(Integer.parseInt(digits));
    }

    private void flushLiteral() {
        if (!literal.isEmpty()) {
            parts.add(new DedupKeyTemplate.Literal(literal.toString()));
            literal.setLength(0);
        }
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException(problem + " in template " + SubjectChars.quote(template));
    }

    private IllegalArgumentException error(String problem, String hint) {
        return new IllegalArgumentException(problem + " in template " + SubjectChars.quote(template) + "; " + hint);
    }

    private static String describe(char c) {
        return SubjectChars.isForbidden(c) ? SubjectChars.describe(c) : "\"" + c + "\"";
    }
}
