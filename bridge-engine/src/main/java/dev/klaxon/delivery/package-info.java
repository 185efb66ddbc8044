/** Sends what the outbox holds to PagerDuty, within each routing key's budget, and checks routing keys up front. */
package dev.klaxon.delivery;
