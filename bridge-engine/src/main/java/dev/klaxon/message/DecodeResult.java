package dev.klaxon.message;

/** The outcome of decoding one body: a message, or a precise reason it was rejected. */
public sealed interface DecodeResult {
    record Decoded(AlertMessage message) implements DecodeResult { }

    record Rejected(String reason) implements DecodeResult { }
}
