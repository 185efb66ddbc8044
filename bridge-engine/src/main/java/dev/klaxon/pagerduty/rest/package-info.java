/** The PagerDuty REST API v2 client: incidents, alerts, services, escalation policies and on-calls. */
package dev.klaxon.pagerduty.rest;
