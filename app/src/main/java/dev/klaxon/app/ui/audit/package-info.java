/** Ctrl+2 Audit: forwarded events, operator actions and config loads; search, filter, export CSV or JSONL. */
package dev.klaxon.app.ui.audit;
