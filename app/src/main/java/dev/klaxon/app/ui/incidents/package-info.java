/** The PagerDuty incidents panel beside Live (Ctrl+I): acknowledge, resolve, escalate, snooze, note, open. */
package dev.klaxon.app.ui.incidents;
