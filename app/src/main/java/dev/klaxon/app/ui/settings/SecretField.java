package dev.klaxon.app.ui.settings;

import dev.klaxon.secret.SecretRef;
import java.util.Objects;

/**
 * Where a secret comes from, as the settings form holds it: an environment variable's name or a file's path. Never
 * the secret itself. An empty reference means "not configured".
 */
public record SecretField(SecretRef.Source source, String reference) {
    public SecretField {
        Objects.requireNonNull(source, "source");
        reference = reference == null ? "" : reference.strip();
    }

    public static SecretField none() {
        return new SecretField(SecretRef.Source.ENV, "");
    }

    public static SecretField of(SecretRef ref) {
        return ref == null ? none() : new SecretField(ref.source(), ref.reference());
    }

    public boolean isEmpty() {
        return reference.isEmpty();
    }

    /** The config key for this source under {@code base}: {@code base_env} or {@code base_file}. */
    String key(String base) {
        return base + (source == SecretRef.Source.ENV ? "_env" : "_file");
    }

    /** Both unset, or the same source and reference. */
    boolean sameAs(SecretField other) {
        return isEmpty() ? other.isEmpty() : equals(other);
    }
}
