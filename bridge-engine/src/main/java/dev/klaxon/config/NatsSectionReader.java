package dev.klaxon.config;

import dev.klaxon.route.SubjectPattern;
import dev.klaxon.route.Subjects;
import dev.klaxon.secret.SecretRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code nats:} section. */
final class NatsSectionReader {

    static final Set<String> KEYS = Set.of("servers", "subjects", "queue_group", "token_env", "token_file", "user",
            "password_env", "password_file", "creds_file", "nkey_seed_file", "tls", "jetstream");
    static final Set<String> LITERAL_SECRETS = Set.of("token", "password");
    static final List<String> DEFAULT_SERVERS = List.of("nats://127.0.0.1:4222");
    static final List<String> DEFAULT_SUBJECTS = List.of("alerts.>");
    static final int MAX_QUEUE_GROUP_LENGTH = 512;

    private static final Set<String> TLS_KEYS = Set.of("ca_file", "cert_file", "key_file", "key_password_env",
            "key_password_file");
    // The keys of each authentication method; giving keys of two methods is an error.
    private static final List<List<String>> AUTH_METHODS = List.of(
            List.of("token_env", "token_file"),
            List.of("user", "password_env", "password_file"),
            List.of("creds_file"),
            List.of("nkey_seed_file"));

    private final ConfigErrors errors;
    private final FileReferences files;

    NatsSectionReader(ConfigErrors errors, FileReferences files) {
        this.errors = errors;
        this.files = files;
    }

    NatsConfig read(Optional<YamlMap> section) {
        if (section.isEmpty()) {
            return new NatsConfig(DEFAULT_SERVERS, DEFAULT_SUBJECTS, null, null, null);
        }
        YamlMap nats = section.get();
        JetStreamConfig jetstream = new JetStreamSectionReader(errors).read(nats);
        String queueGroup = queueGroup(nats);
        if (jetstream != null && queueGroup != null) {
            errors.add(nats.pathOf("queue_group"), "cannot be used with nats.jetstream: team mode shares one durable "
                    + "consumer and every member watches the whole stream; a queue group would split the view. "
                    + "Remove one of the two", nats.keyLine("queue_group"));
        }
        return new NatsConfig(servers(nats), subjects(nats), queueGroup, auth(nats), tls(nats), jetstream);
    }

    private List<String> servers(YamlMap nats) {
        return nats.stringList("servers").map(servers -> {
            if (servers.isEmpty()) {
                errors.add(nats.pathOf("servers"), "needs at least one server", nats.keyLine("servers"));
            }
            List<String> valid = new ArrayList<>();
            for (Located<String> server : servers) {
                NatsServerUrl.problem(server.value()).ifPresentOrElse(
                        problem -> errors.add(server.path(), problem, server.line()),
                        () -> valid.add(server.value().strip()));
            }
            return valid;
        }).orElse(DEFAULT_SERVERS);
    }

    private List<String> subjects(YamlMap nats) {
        return nats.stringList("subjects").map(subjects -> {
            if (subjects.isEmpty()) {
                errors.add(nats.pathOf("subjects"), "needs at least one subject", nats.keyLine("subjects"));
            }
            List<String> valid = new ArrayList<>();
            for (Located<String> subject : subjects) {
                // A pattern matches only subjects at least as long as itself, and the engine rejects every subject
                // over the limit: such a subscription could receive nothing usable. (Far longer ones would also
                // overflow the NATS protocol line, 4 KB by default, and the server would refuse them.)
                int length = subject.value().length();
                if (length > Subjects.MAX_LENGTH) {
                    errors.add(subject.path(), length + " characters long; longer than " + Subjects.MAX_LENGTH
                            + ", the longest subject Klaxon accepts, so nothing it receives could be used",
                            subject.line());
                    continue;
                }
                try {
                    valid.add(SubjectPattern.compile(subject.value()).text());
                } catch (IllegalArgumentException e) {
                    errors.add(subject.path(), e.getMessage(), subject.line());
                }
            }
            return valid;
        }).orElse(DEFAULT_SUBJECTS);
    }

    private String queueGroup(YamlMap nats) {
        return nats.string("queue_group").filter(group -> {
            // the group travels on the same protocol line as a subject: keep the two within NATS's default 4 KB
            if (group.value().length() > MAX_QUEUE_GROUP_LENGTH) {
                errors.add(group.path(), group.value().length() + " characters long; the limit is "
                        + MAX_QUEUE_GROUP_LENGTH, group.line());
                return false;
            }
            boolean hasSpace = group.value().chars().anyMatch(Character::isWhitespace);
            if (hasSpace) {
                errors.add(group.path(), "must not contain spaces, got \"" + group.value() + "\"", group.line());
            }
            return !hasSpace;
        }).map(Located::value).orElse(null);
    }

    private NatsAuth auth(YamlMap nats) {
        List<Located<NatsAuth>> given = new ArrayList<>();
        files.secret(nats, "token").ifPresent(token ->
                given.add(new Located<>(new NatsAuth.Token(token.value()), token.path(), token.line())));
        userPassword(nats).ifPresent(given::add);
        nats.string("creds_file").flatMap(files::secretFile).ifPresent(file ->
                given.add(located(nats, "creds_file", new NatsAuth.CredsFile(file))));
        nats.string("nkey_seed_file").flatMap(files::secretFile).ifPresent(file ->
                given.add(located(nats, "nkey_seed_file", new NatsAuth.NKeySeedFile(file))));
        if (hasConflictingMethods(nats)) {
            return new NatsAuth.None();
        }
        return given.isEmpty() ? new NatsAuth.None() : given.get(0).value();
    }

    private Optional<Located<NatsAuth>> userPassword(YamlMap nats) {
        Optional<Located<String>> user = nats.string("user");
        boolean passwordGiven = nats.has("password_env") || nats.has("password_file");
        Optional<Located<SecretRef>> password = files.secret(nats, "password");
        if (user.isPresent() && !passwordGiven) {
            errors.add(user.get().path(), "needs password_env or password_file as well", user.get().line());
        }
        if (user.isEmpty() && password.isPresent()) {
            errors.add(password.get().path(), "needs user as well", password.get().line());
        }
        if (user.isEmpty() || password.isEmpty()) {
            return Optional.empty();
        }
        Located<String> name = user.get();
        return Optional.of(new Located<>(new NatsAuth.UserPassword(name.value(), password.get().value()),
                name.path(), name.line()));
    }

    /** Reports every method given after the first one (in file order), naming both keys. */
    private boolean hasConflictingMethods(YamlMap nats) {
        List<String> firstKeyOfEachMethod = AUTH_METHODS.stream()
                .flatMap(method -> method.stream().filter(nats::has)
                        .min(Comparator.comparingInt(nats::keyLine)).stream())
                .sorted(Comparator.comparingInt(nats::keyLine))
                .toList();
        if (firstKeyOfEachMethod.size() < 2) {
            return false;
        }
        String first = firstKeyOfEachMethod.get(0);
        for (String other : firstKeyOfEachMethod.subList(1, firstKeyOfEachMethod.size())) {
            errors.add(nats.pathOf(other), "only one authentication method may be given, but " + first
                    + " is also set on line " + nats.keyLine(first), nats.keyLine(other));
        }
        return true;
    }

    private TlsConfig tls(YamlMap nats) {
        return nats.mapping("tls", TLS_KEYS).map(tls -> {
            Optional<Located<String>> cert = tls.string("cert_file");
            Optional<Located<String>> key = tls.string("key_file");
            if (cert.isPresent() && key.isEmpty()) {
                errors.add(cert.get().path(), "needs key_file as well", cert.get().line());
            }
            if (key.isPresent() && cert.isEmpty()) {
                errors.add(key.get().path(), "needs cert_file as well", key.get().line());
            }
            // the passphrase of an encrypted key_file; read when the key is, like every secret
            Optional<Located<SecretRef>> keyPassword = files.secret(tls, "key_password");
            if (keyPassword.isPresent() && key.isEmpty()) {
                errors.add(keyPassword.get().path(), "needs key_file as well", keyPassword.get().line());
            }
            return new TlsConfig(
                    tls.string("ca_file").flatMap(files::readableFile).orElse(null),
                    cert.flatMap(files::readableFile).orElse(null),
                    key.flatMap(files::secretFile).orElse(null),
                    keyPassword.map(Located::value).orElse(null));
        }).orElse(null);
    }

    private static <T> Located<T> located(YamlMap map, String key, T value) {
        return new Located<>(value, map.pathOf(key), map.keyLine(key));
    }
}
