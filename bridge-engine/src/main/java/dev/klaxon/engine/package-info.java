/** The engine's one public seam, and the loop behind it: ingest, routing, guards, outbox and delivery. */
package dev.klaxon.engine;
