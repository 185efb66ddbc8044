package dev.klaxon.audit;

/** Formats {@link AuditLog#export} writes. */
public enum ExportFormat {
    /** One JSON object per line. */
    JSONL,
    /** RFC 4180: header row, CRLF line ends, fields quoted when they hold commas, quotes or line breaks. */
    CSV
}
