/** The NATS ingest: one connection to every configured subject, each message handed off without blocking. */
package dev.klaxon.nats;
