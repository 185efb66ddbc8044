package dev.klaxon.app.ui.settings;

import dev.klaxon.config.NatsAuth;

/** The ways the bridge can authenticate to NATS; the config allows one at a time. */
public enum NatsAuthMethod {
    NONE("None"),
    TOKEN("Token"),
    USER_PASSWORD("User and password"),
    CREDS_FILE("Credentials file (.creds)"),
    NKEY_SEED_FILE("NKey seed file");

    private final String label;

    NatsAuthMethod(String label) {
        this.label = label;
    }

    public static NatsAuthMethod of(NatsAuth auth) {
        if (auth instanceof NatsAuth.Token) {
            return TOKEN;
        }
        if (auth instanceof NatsAuth.UserPassword) {
            return USER_PASSWORD;
        }
        if (auth instanceof NatsAuth.CredsFile) {
            return CREDS_FILE;
        }
        if (auth instanceof NatsAuth.NKeySeedFile) {
            return NKEY_SEED_FILE;
        }
        return NONE;
    }

    @Override
    public String toString() {
        return label;
    }
}
