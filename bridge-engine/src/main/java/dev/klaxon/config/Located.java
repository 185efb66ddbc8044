package dev.klaxon.config;

/** A value read from the config together with where it was written, for error messages about it later. */
record Located<T>(T value, String path, int line) {

    /** The last segment of the path: {@code token_env} for {@code nats.token_env}. */
    String key() {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
