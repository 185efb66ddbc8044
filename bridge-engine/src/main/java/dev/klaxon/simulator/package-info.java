/**
 * A simulated PagerDuty on loopback: the Events API v2 and the REST endpoints the console uses, strict where
 * PagerDuty is documented, with incident state, and faults on demand. The tests' PagerDuty double and the demo's
 * "simulated PagerDuty" are this one component. Depends on nothing else of Klaxon.
 */
package dev.klaxon.simulator;
