package dev.klaxon.audit;

/**
 * One CSV field as every Klaxon export writes it: RFC 4180 quoting, and text that a spreadsheet would run as a
 * formula made inert. Audit rows carry message text that anyone who can publish to NATS controls, so an export
 * opened in a spreadsheet must never evaluate {@code =HYPERLINK(...)} or similar (OWASP "CSV injection").
 */
public final class CsvField {
    private CsvField() {
    }

    /** The field as written between commas; null becomes an empty field. */
    public static String of(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = startsLikeAFormula(value) ? "'" + value : value;
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static boolean startsLikeAFormula(String value) {
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
