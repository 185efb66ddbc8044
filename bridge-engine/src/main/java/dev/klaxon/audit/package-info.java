/** The audit trail in SQLite: forwarded events, operator actions, config loads and per-minute counts of the rest. */
package dev.klaxon.audit;
