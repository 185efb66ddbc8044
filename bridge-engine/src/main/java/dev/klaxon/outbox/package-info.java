/** The durable outbox in SQLite: every event bound for PagerDuty is committed here before it is sent. */
package dev.klaxon.outbox;
