package dev.klaxon.audit;

/** Who the audit says acted: the configured {@code from_email} (what PagerDuty records too), else the OS user. */
public final class OperatorIdentity {
    private OperatorIdentity() {
    }

    public static String of(String fromEmail) {
        if (fromEmail != null && !fromEmail.isBlank()) {
            return fromEmail;
        }
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "unknown" : user;
    }
}
