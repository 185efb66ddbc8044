/** Guards the pager between routing and the outbox: silences, inhibitions, dedup, floods and signatures. */
package dev.klaxon.guard;
