package dev.klaxon.guard;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a publisher's signature: {@code Klaxon-Signature} is the hex HMAC-SHA256, under a shared secret, of the
 * {@code Klaxon-Timestamp} header (Unix seconds), a dot, and the raw body. A timestamp more than five minutes old (or
 * ahead) is refused, so a captured message cannot be replayed later. The comparison takes the same time whatever
 * the signature, so it leaks nothing about the expected one. Thread-safe.
 */
public final class SignatureVerifier {
    public static final String SIGNATURE_HEADER = "Klaxon-Signature";
    public static final String TIMESTAMP_HEADER = "Klaxon-Timestamp";
    public static final Duration MAX_AGE = Duration.ofMinutes(5);
    private static final String ALGORITHM = "HmacSHA256";
    /**
     * 9999-12-31T23:59:59Z. A timestamp outside 1..this is no time a publisher's clock shows; refusing it before the
     * age is computed also keeps the age from overflowing (-5 was once reported as 9223372035058542011 s ahead).
     */
    private static final long LAST_VALID_SECOND = 253_402_300_799L;

    private final SecretKeySpec key;
    private final Clock clock;
    private final ThreadLocal<Mac> macs;

    public SignatureVerifier(byte[] secret, Clock clock) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("the signature secret is empty");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
        this.clock = clock;
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** Why the message's signature is not acceptable, or empty when it is. */
    public Optional<String> problem(byte[] body, Map<String, List<String>> headers) {
        String signature = header(headers, SIGNATURE_HEADER);
        if (signature == null) {
            return Optional.of("unsigned: the route requires a " + SIGNATURE_HEADER + " header");
        }
        String timestamp = header(headers, TIMESTAMP_HEADER);
        if (timestamp == null) {
            return Optional.of("signed without a " + TIMESTAMP_HEADER + " header");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Optional.of(TIMESTAMP_HEADER + " is not Unix seconds");
        }
        if (seconds <= 0 || seconds > LAST_VALID_SECOND) {
            return Optional.of(TIMESTAMP_HEADER + " " + seconds + " is not a valid time");
        }
        long age = clock.instant().getEpochSecond() - seconds;
        if (Math.abs(age) > MAX_AGE.toSeconds()) {
            return Optional.of(age > 0 ? "signature timestamp is " + age + " s old, over the " + MAX_AGE.toSeconds()
                    + " s allowed (a replay?)" : "signature timestamp is " + -age + " s in the future");
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.strip());
        } catch (IllegalArgumentException e) {
            return Optional.of(SIGNATURE_HEADER + " is not hex");
        }
        Mac mac = macs.get();
        mac.update(timestamp.strip().getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        byte[] expected = mac.doFinal(body);
        return MessageDigest.isEqual(expected, given) ? Optional.empty() : Optional.of("signature does not match");
    }

    /**
     * The signature bytes of a message {@link #problem} accepted, for the replay memory; empty when the header is
     * missing or not hex (such a message was refused anyway).
     */
    public static Optional<byte[]> signatureOf(Map<String, List<String>> headers) {
        String signature = header(headers, SIGNATURE_HEADER);
        if (signature == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(HexFormat.of().parseHex(signature.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The header's first value, whatever the case of its name (publishers differ). */
    private static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every Java platform provides HmacSHA256, and any non-empty key is valid for it.
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The signature a publisher would send; for tests and the README's example. */
    public String sign(long timestampSeconds, byte[] body) {
        Mac mac = macs.get();
        mac.update(Long.toString(timestampSeconds).getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
