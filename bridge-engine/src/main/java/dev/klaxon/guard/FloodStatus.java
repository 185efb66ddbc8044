package dev.klaxon.guard;

import java.time.Instant;

/** A subject in flood state, for the console and the command line. */
public record FloodStatus(String subject, Instant since, long held) {
}
