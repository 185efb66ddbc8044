/** The PagerDuty Events API v2 client: one attempt per event, and what became of it. */
package dev.klaxon.pagerduty;
