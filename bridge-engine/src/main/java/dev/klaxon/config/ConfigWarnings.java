package dev.klaxon.config;

import dev.klaxon.route.RouteRule;
import dev.klaxon.secret.LoosePermissions;
import dev.klaxon.secret.SecretRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What is worth saying about a valid config without refusing it: secret files and the storage directory that
 * people other than their owner can read. {@code config check} prints these, {@code run} logs them at start, the
 * console shows them as a banner. Read from the filesystem each time, so a {@code chmod} is seen at the next check.
 */
public final class ConfigWarnings {

    private ConfigWarnings() {
    }

    /** One line each, in the order of the config; empty when there is nothing to say. */
    public static List<String> of(KlaxonConfig config) {
        List<String> warnings = new ArrayList<>();
        for (Path file : secretFiles(config)) {
            LoosePermissions.ofSecretFile(file).ifPresent(warnings::add);
        }
        Path dir = config.storage().dir();
        // A directory that does not exist yet is created 0700 by storage: nothing to warn about.
        if (dir != null && Files.isDirectory(dir)) {
            LoosePermissions.ofStorageDirectory(dir).ifPresent(warnings::add);
        }
        return List.copyOf(warnings);
    }

    /** Every file the config names that holds a secret, once each (several routes often share one key file). */
    private static Set<Path> secretFiles(KlaxonConfig config) {
        Set<Path> files = new LinkedHashSet<>();
        NatsAuth auth = config.nats().auth();
        if (auth instanceof NatsAuth.Token token) {
            addFile(files, token.token());
        } else if (auth instanceof NatsAuth.UserPassword password) {
            addFile(files, password.password());
        } else if (auth instanceof NatsAuth.CredsFile creds) {
            files.add(creds.file());
        } else if (auth instanceof NatsAuth.NKeySeedFile seed) {
            files.add(seed.file());
        }
        if (config.nats().tls() != null && config.nats().tls().keyFile() != null) {
            files.add(config.nats().tls().keyFile());
            addFile(files, config.nats().tls().keyPassword());
        }
        addFile(files, config.pagerduty().apiToken());
        for (RouteRule rule : config.routes()) {
            addFile(files, rule.routingKey());
            addFile(files, rule.signatureSecret());
        }
        return files;
    }

    private static void addFile(Set<Path> files, SecretRef secret) {
        if (secret != null && secret.source() == SecretRef.Source.FILE) {
            files.add(Path.of(secret.reference()));
        }
    }
}
