/** Ctrl+3 Dead letters: events PagerDuty refused for good, with what it said, and Resend. */
package dev.klaxon.app.ui.deadletters;
