/** Polls the backend on one background thread and keeps only the newest snapshot and tail for the next frame. */
package dev.klaxon.app.feed;
