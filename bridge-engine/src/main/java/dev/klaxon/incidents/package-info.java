/** The console's PagerDuty incident desk: polls open incidents and on-calls, and acts on them. */
package dev.klaxon.incidents;
